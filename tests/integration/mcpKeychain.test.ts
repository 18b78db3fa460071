// An MCP server's secrets in the real OS keychain, under the run's test-only service prefix
// (scripts/withTestKeyring.ts gives Linux a throwaway keyring; tests/fixtures/keychainGlobalSetup.ts sweeps):
// a header typed on stdin reaches the HTTP server, a secret env value reaches the stdio server,
// neither shows in an output, and they go with `mcp remove` and with the workspace.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/common/contract';
import { fakeMcpCommand, startFakeMcpHttp } from '../fixtures/fakeMcpServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

describe('MCP secrets in the OS keychain', () => {
  it('are used from the keychain, never shown, and deleted with the server and with the workspace', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const token = `mcp-${randomBytes(12).toString('hex')}`;
    const server = await startFakeMcpHttp(token);
    const cli = (argv: string[], line?: string): ReturnType<typeof runCliInProcess> =>
      runCliInProcess(dir, argv, { secretStore: store, ...(line !== undefined ? { stdin: { isTTY: false, readLine: () => Promise.resolve(line) } } : {}) });
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Keyed MCP', '--json'])).out[0]!) as Workspace).id;
    try {
      const added = await cli(['mcp', 'add', '--workspace', ws, '--name', 'remote', '--url', server.url, '--header', 'Authorization', '--json'], `Bearer ${token}`);
      expect(added.code, added.err.join()).toBe(0);
      expect(added.out[0]).not.toContain(token);
      expect(await store.get(ws, 'mcp.remote.header.Authorization')).toBe(`Bearer ${token}`);
      const echoed = await cli(['mcp', 'call', '--workspace', ws, '--name', 'remote', '--tool', 'echo', '--args', '{"text":"through the keychain"}']);
      expect(echoed.out, echoed.err.join()).toEqual(['through the keychain']);
      expect(server.refused).toBe(0);
      const list = await cli(['mcp', 'list', '--workspace', ws, '--json']);
      expect(list.out[0]).not.toContain(token);

      const removed = await cli(['mcp', 'remove', '--workspace', ws, '--name', 'remote']);
      expect(removed.code, removed.err.join()).toBe(0);
      expect(await store.get(ws, 'mcp.remote.header.Authorization')).toBeNull();

      const { command, args } = fakeMcpCommand();
      const line = [command, ...args].map((w) => `'${w}'`).join(' ');
      expect((await cli(['mcp', 'add', '--workspace', ws, '--name', 'local', '--command', line, '--secret-env', 'FAKE_TOKEN'], token)).code).toBe(0);
      expect(await store.get(ws, 'mcp.local.env.FAKE_TOKEN')).toBe(token);
      const deleted = await cli(['workspace', 'delete', ws, '--confirm', 'Keyed MCP']);
      expect(deleted.code, deleted.err.join()).toBe(0);
      expect(await store.keys(ws)).toEqual([]);
    } finally {
      await server.close();
      await store.deleteNamespace(ws);
    }
  }, 60_000);
});
