// The provider's API key in the real OS keychain, under the run's test-only service prefix
// (scripts/withTestKeyring.ts gives Linux a throwaway keyring; tests/fixtures/keychainGlobalSetup.ts sweeps):
// saved from stdin by the CLI, read by the main process to call the model server, gone with the workspace.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProviderState, Workspace } from '../../src-main/common/contract';
import { API_KEY_SECRET } from '../../src-main/domain/llm/ProviderService';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

describe('model provider key in the OS keychain', () => {
  it('is saved from stdin, used for requests, never shown, and deleted with the workspace', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const key = `sk-keyring-${randomBytes(12).toString('hex')}`;
    const llm = await startFakeOpenAi({ apiKey: key });
    const cli = (argv: string[], line?: string): ReturnType<typeof runCliInProcess> =>
      runCliInProcess(dir, argv, { secretStore: store, ...(line !== undefined ? { stdin: { isTTY: false, readLine: () => Promise.resolve(line) } } : {}) });
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Keyed', '--json'])).out[0]!) as Workspace).id;
    try {
      const set = await cli(['provider', 'set', '--workspace', ws, '--preset', 'openai', '--base-url', llm.baseUrl, '--model', 'fake-chat', '--api-key-stdin', '--json'], key);
      expect(set.code, set.err.join()).toBe(0);
      expect(set.out[0]).not.toContain(key);
      expect((JSON.parse(set.out[0]!) as ProviderState).hasApiKey).toBe(true);
      expect(await store.get(ws, API_KEY_SECRET)).toBe(key);

      const tested = await cli(['provider', 'test', '--workspace', ws]);
      expect(tested.code, tested.err.join()).toBe(0);
      expect(llm.requests.every((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true);

      const deleted = await cli(['workspace', 'delete', ws, '--confirm', 'Keyed']);
      expect(deleted.code, deleted.err.join()).toBe(0);
      expect(await store.keys(ws)).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
    }
  });
});
