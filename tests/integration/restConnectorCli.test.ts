// `qwanyx connector … rest` with the real OS keychain: the shipped EspoCRM
// description against the fake EspoCRM, the API key and secret key from
// stdin (checked before they are saved, never printed, never on disk),
// list, test, rotate, remove; a bad description file refused clearly.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/common/contract';
import { startFakeEspo } from '../fixtures/fakeEspoServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

function cliOn(dir: string) {
  return (argv: string[], lines: string[] = []) => {
    const queue = [...lines];
    return runCliInProcess(dir, argv, { secretStore: store, ...(lines.length > 0 ? { stdin: { isTTY: false, readLine: () => Promise.resolve(queue.shift() ?? null) } } : {}) });
  };
}

describe('qwanyx connector … rest', () => {
  it('adds EspoCRM with HMAC keys from stdin, lists, tests, rotates and removes it', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const secret = randomBytes(12).toString('hex');
    const espo = await startFakeEspo({ keys: { key1: secret, key2: 'second-secret' } });
    const cli = cliOn(dir);
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Acme', '--json'])).out[0]!) as Workspace).id;
    const base = ['--workspace', ws, '--name', 'espo'];
    try {
      const refused = await cli(['connector', 'add', 'rest', ...base, '--spec', 'espocrm', '--base-url', espo.baseUrl], ['key1', 'wrong-secret']);
      expect(refused.code).toBe(1);
      expect(refused.err.join()).toContain('EspoCRM needs to be connected again');
      expect(await store.keys(ws)).toEqual([]);

      const added = await cli(['connector', 'add', 'rest', ...base, '--spec', 'espocrm', '--base-url', espo.baseUrl, '--json'], ['key1', secret]);
      expect(added.code, added.err.join()).toBe(0);
      expect(JSON.parse(added.out[0]!)).toMatchObject({ name: 'espo', state: 'connected', auth: 'hmac', service: 'EspoCRM', permission: 'connector.use:rest-espo' });
      expect(added.out.join()).not.toContain(secret);
      expect(await store.get(ws, 'connector:rest-espo:token')).toContain(secret);
      expect(fs.readFileSync(path.join(dir, 'workspaces', ws, 'connectors', 'rest', 'espo.json'), 'utf8')).not.toContain(secret);

      const listed = await cli(['connector', 'list', '--workspace', ws]);
      expect(listed.out.join('\n')).toMatch(/rest espo \(EspoCRM\): connected[\s\S]*rest_espo_create_account \(confirmed\)/);
      const tested = await cli(['connector', 'test', 'rest', ...base]);
      expect(tested.code, tested.err.join()).toBe(0);

      espo.revoke('key1');
      const failing = await cli(['connector', 'test', 'rest', ...base]);
      expect(failing.code).toBe(1);
      expect(failing.err.join()).toContain('needs to be connected again');
      const rotated = await cli(['connector', 'rotate', 'rest', ...base], ['key2', 'second-secret']);
      expect(rotated.code, rotated.err.join()).toBe(0);
      expect((await cli(['connector', 'test', 'rest', ...base])).code).toBe(0);

      const badFile = path.join(dir, 'bad.json');
      fs.writeFileSync(badFile, JSON.stringify({ name: 'Shop', health: { path: 'me' }, operations: [{ name: 'Bad Name', description: 'x', method: 'GET', path: 'x', kind: 'read' }] }));
      const bad = await cli(['connector', 'add', 'rest', '--workspace', ws, '--name', 'shop', '--spec', badFile, '--base-url', espo.baseUrl, '--auth', 'header'], ['k']);
      expect(bad.code).toBe(1);
      expect(bad.err.join()).toMatch(/bad\.json is not valid: operations\.0\.name/);

      const removed = await cli(['connector', 'remove', 'rest', ...base]);
      expect(removed.out.join()).toContain('Disconnected rest espo');
      expect(await store.keys(ws)).toEqual([]);
    } finally {
      await store.deleteNamespace(ws).catch(() => undefined);
    }
  });
});
