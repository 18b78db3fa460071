// `qwanyx connector add google --oauth --client-id ID --client-secret-stdin`
// with the real OS keychain (the run's test-only prefix) and an
// authorization server that, as Google's does for desktop clients, wants the
// client secret at its token endpoint: the secret comes from stdin, goes in
// the token request's body, lands in the keychain, and never on stdout.
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/common/contract';
import { startFakeGoogle } from '../fixtures/fakeGoogleServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

describe('qwanyx connector add google --client-secret-stdin', () => {
  it('reads the client secret from stdin and keeps it in the keychain only', async (ctx) => {
    keychain.skipWithout(ctx);
    const secret = 'GOCSPX-from-stdin-123';
    const dir = makeTempDir();
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-test-app', clientSecret: secret });
    const api = await startFakeGoogle({ acceptToken: (t) => as.validAccessToken(t) });
    const cli = (argv: string[]) => runCliInProcess(dir, argv, { secretStore: store });
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Mail Co', '--json'])).out[0]!) as Workspace).id;
    const add = (extra: string[], stdinLine: string | null) =>
      runCliInProcess(
        dir,
        ['connector', 'add', 'google', '--workspace', ws, '--api-url', api.baseUrl, '--oauth', '--client-id', 'qwanyx-test-app',
          '--authorize-url', as.provider.authorizationEndpoint, '--token-url', as.provider.tokenEndpoint, '--revoke-url', as.provider.revocationEndpoint!, ...extra, '--json'],
        { secretStore: store, browse: true, stdin: { isTTY: false, readLine: () => Promise.resolve(stdinLine) } },
      );
    try {
      const empty = await add(['--client-secret-stdin'], null);
      expect(empty.code).not.toBe(0);
      expect(empty.err.join('\n')).toContain('no secret came on stdin');
      const wrongHost = await add(['--redirect-host', '0.0.0.0'], null);
      expect(wrongHost.code).not.toBe(0);
      expect(wrongHost.err.join('\n')).toContain('redirectHost');

      const added = await add(['--client-secret-stdin'], `${secret}\n`);
      expect(added.code, added.err.join()).toBe(0);
      expect(JSON.parse(added.out[0]!)).toMatchObject({ connector: 'google', state: 'connected' });
      expect([...added.out, ...added.err].join('\n')).not.toContain(secret);
      expect(as.requests.find((r) => r.path === '/token')!.params.client_secret).toBe(secret);
      expect(await store.get(ws, 'connector:google:client-secret')).toBe(secret);

      const removed = await cli(['connector', 'remove', 'google', '--workspace', ws]);
      expect(removed.out[0]).toContain('revoked at the provider');
      expect(await store.keys(ws)).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
    }
  });
});
