// `qwanyx connector add google|microsoft --oauth --client-id ID`, `test` and
// `remove` with the real OS keychain (the run's test-only prefix), the fake
// authorization server and the fake Google / Graph APIs: the person opens
// the printed address, the grant lands in the keychain and never on
// stdout; remove revokes at Google, and for Microsoft (no revocation
// endpoint) says only the keychain entry went.
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/common/contract';
import { startFakeGoogle } from '../fixtures/fakeGoogleServer';
import { startFakeGraph } from '../fixtures/fakeGraphServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

describe.each(['google', 'microsoft'] as const)('qwanyx connector %s', (kind) => {
  it('adds by OAuth in the browser, tests, and removes', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-test-app', revocation: kind === 'google' });
    const acceptToken = (t: string): boolean => as.validAccessToken(t);
    const api = kind === 'google' ? await startFakeGoogle({ acceptToken }) : await startFakeGraph({ acceptToken });
    const cli = (argv: string[]) => runCliInProcess(dir, argv, { secretStore: store });
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Mail Co', '--json'])).out[0]!) as Workspace).id;
    try {
      const { code, out, err, browsed } = await runCliInProcess(
        dir,
        ['connector', 'add', kind, '--workspace', ws, '--api-url', api.baseUrl, '--oauth', '--client-id', 'qwanyx-test-app',
          '--authorize-url', as.provider.authorizationEndpoint, '--token-url', as.provider.tokenEndpoint, ...(kind === 'google' ? ['--revoke-url', as.provider.revocationEndpoint!] : []), '--json'],
        { secretStore: store, browse: true },
      );
      expect(code, err.join()).toBe(0);
      expect(browsed).toHaveLength(1);
      expect(JSON.parse(out[0]!)).toMatchObject({ connector: kind, state: 'connected', auth: 'oauth', account: kind === 'google' ? 'me@example.com' : 'me@contoso.example', permission: `connector.use:${kind}` });
      const grant = JSON.parse((await store.get(ws, `connector:${kind}:oauth`))!) as { accessToken: string };
      expect(out.join()).not.toContain(grant.accessToken);

      const tested = await cli(['connector', 'test', kind, '--workspace', ws]);
      expect(tested.code).toBe(0);
      expect(tested.out[0]).toContain('accepts the authorization');
      const listed = await cli(['connector', 'list', '--workspace', ws]);
      expect(listed.out.join('\n')).toContain('mail_send (confirmed)');

      const token = await cli(['connector', 'add', kind, '--workspace', ws, '--token-env', 'HOME']);
      expect(token.code).not.toBe(0);

      const removed = await cli(['connector', 'remove', kind, '--workspace', ws]);
      expect(removed.code).toBe(0);
      if (kind === 'google') {
        expect(removed.out[0]).toContain('revoked at the provider');
        expect(as.validAccessToken(grant.accessToken)).toBe(false);
      } else {
        expect(removed.out[0]).toContain('no revocation endpoint');
        expect(as.validAccessToken(grant.accessToken)).toBe(true);
      }
      expect(await store.keys(ws)).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
    }
  });
});
