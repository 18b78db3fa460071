// `qwanyx connector …` with the real OS keychain (run's test-only prefix):
// a GitHub token from stdin or an environment variable, checked before it is
// saved, never printed; test, rotate, remove; OAuth in the browser (the
// "browser" follows the address the command prints) against the fake
// authorization server, with the fake GitHub accepting its access tokens.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/common/contract';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

function cliOn(dir: string) {
  return (argv: string[], line?: string) =>
    runCliInProcess(dir, argv, { secretStore: store, ...(line !== undefined ? { stdin: { isTTY: false, readLine: () => Promise.resolve(line) } } : {}) });
}

describe('qwanyx connector', () => {
  it('adds GitHub with a token from stdin, tests, rotates and removes it', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const token = `ghp_${randomBytes(12).toString('hex')}`;
    const gh = await startFakeGithub({ tokens: { [token]: 'octo-admin' } });
    const cli = cliOn(dir);
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Acme', '--json'])).out[0]!) as Workspace).id;
    try {
      const refused = await cli(['connector', 'add', 'github', '--workspace', ws, '--api-url', gh.apiUrl, '--token-stdin'], 'ghp_notAValidTokenAtAll');
      expect(refused.code).toBe(1);
      expect(refused.err.join()).toContain('Bad credentials');
      expect(await store.keys(ws)).toEqual([]);

      const added = await cli(['connector', 'add', 'github', '--workspace', ws, '--api-url', gh.apiUrl, '--token-stdin', '--json'], token);
      expect(added.code, added.err.join()).toBe(0);
      expect(JSON.parse(added.out[0]!)).toMatchObject({ state: 'connected', account: 'octo-admin', auth: 'token', scopes: 'repo, workflow' });
      expect(added.out.join()).not.toContain(token);
      expect(await store.get(ws, 'connector:github:token')).toBe(token);
      // The description on disk holds no credential.
      expect(fs.readFileSync(path.join(dir, 'workspaces', ws, 'connectors', 'github.json'), 'utf8')).not.toContain(token);

      const listed = await cli(['connector', 'list', '--workspace', ws]);
      expect(listed.out.join('\n')).toMatch(/github: connected[\s\S]*github_dispatch_workflow \(confirmed\)/);
      const tested = await cli(['connector', 'test', 'github', '--workspace', ws]);
      expect(tested.code, tested.err.join()).toBe(0);
      expect(tested.out[0]).toContain('GitHub accepts the credentials of octo-admin');

      // A refused new token leaves the old one in place.
      const badRotate = await cli(['connector', 'rotate', 'github', '--workspace', ws, '--token-stdin'], 'ghp_refusedRotation000');
      expect(badRotate.code).toBe(1);
      expect(await store.get(ws, 'connector:github:token')).toBe(token);
      const next = `ghp_${randomBytes(12).toString('hex')}`;
      gh.addToken(next, 'octo-admin');
      process.env.QWANYX_TEST_GITHUB_TOKEN = next;
      const rotated = await cli(['connector', 'rotate', 'github', '--workspace', ws, '--token-env', 'QWANYX_TEST_GITHUB_TOKEN']);
      delete process.env.QWANYX_TEST_GITHUB_TOKEN;
      expect(rotated.code, rotated.err.join()).toBe(0);
      expect(await store.get(ws, 'connector:github:token')).toBe(next);

      gh.revoke(next);
      const dead = await cli(['connector', 'test', 'github', '--workspace', ws]);
      expect(dead.code).toBe(1);
      expect(dead.err.join()).toContain('GitHub needs to be connected again');
      expect((await cli(['connector', 'list', '--workspace', ws])).out[0]).toContain('needs to be connected again');

      const removed = await cli(['connector', 'remove', 'github', '--workspace', ws]);
      expect(removed.code, removed.err.join()).toBe(0);
      expect(removed.out[0]).toContain('keychain entries are gone');
      expect(await store.keys(ws)).toEqual([]);
      expect((await cli(['connector', 'list', '--workspace', ws])).out).toEqual(['github: not connected']);
    } finally {
      await store.deleteNamespace(ws);
    }
  });

  it('validates every argument', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const cli = cliOn(dir);
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Checks', '--json'])).out[0]!) as Workspace).id;
    const cases: [string[], number, RegExp][] = [
      [['connector', 'add', 'gitlab', '--workspace', ws, '--token-stdin'], 2, /connector is one of github/],
      [['connector', 'add', 'github', '--workspace', ws, '--token', 'ghp_onTheCommandLine'], 2, /token/],
      [['connector', 'add', 'github', '--workspace', ws], 2, /needs --token-stdin, --token-env NAME or --oauth/],
      [['connector', 'add', 'github', '--workspace', ws, '--client-id', 'x', '--token-stdin'], 2, /--client-id goes with --oauth/],
      [['connector', 'add', 'github', '--workspace', ws, '--oauth'], 2, /--oauth needs --client-id/],
      [['connector', 'add', 'github', '--workspace', ws, '--token-env', 'NOT SET'], 2, /name of an environment variable/],
      [['connector', 'add', 'github', '--workspace', ws, '--token-env', 'QWANYX_SURELY_UNSET_VAR'], 2, /is not set/],
      [['connector', 'add', 'github', '--workspace', ws, '--api-url', 'http://github.example.com', '--token-env', 'PATH'], 1, /must use https/],
      [['connector', 'add', 'github', '--workspace', ws, '--api-url', 'https://u:p@github.example.com', '--token-env', 'PATH'], 1, /credentials/],
      [['connector', 'test', 'github', '--workspace', ws], 1, /not connected/],
      [['connector', 'remove', 'github', '--workspace', 'no-such-workspace'], 1, /workspace/i],
    ];
    for (const [argv, code, message] of cases) {
      const run = await cli(argv, '');
      expect(run.code, argv.join(' ')).toBe(code);
      expect(run.err.join(), argv.join(' ')).toMatch(message);
    }
    expect(await store.keys(ws)).toEqual([]);
  });

  it('connects by OAuth in the browser and revokes at the provider on remove', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-test-app' });
    const gh = await startFakeGithub({ acceptToken: (t) => as.validAccessToken(t) });
    const cli = cliOn(dir);
    const ws = (JSON.parse((await cli(['workspace', 'create', 'OAuth Co', '--json'])).out[0]!) as Workspace).id;
    try {
      // The person opens the printed address; their browser follows the redirects back to the app.
      const oauthAdd = (apiUrl: string) =>
        runCliInProcess(
          dir,
          ['connector', 'add', 'github', '--workspace', ws, '--api-url', apiUrl, '--oauth', '--client-id', 'qwanyx-test-app',
            '--authorize-url', as.provider.authorizationEndpoint, '--token-url', as.provider.tokenEndpoint, '--revoke-url', as.provider.revocationEndpoint!, '--scopes', 'repo,workflow', '--json'],
          { secretStore: store, browse: true },
        );
      // A grant the API refuses is not kept: revoked at the provider, out of the keychain.
      const refusing = await startFakeGithub({ tokens: {} });
      const refused = await oauthAdd(refusing.apiUrl);
      expect(refused.code).toBe(1);
      expect(refused.err.join()).toContain('Bad credentials');
      expect(as.liveRefreshTokens()).toEqual([]);
      expect(await store.keys(ws)).toEqual([]);

      const { code, err, out, browsed } = await oauthAdd(gh.apiUrl);
      expect(code, err.join()).toBe(0);
      expect(browsed).toHaveLength(1);
      expect(browsed[0]!.status).toBe(200);
      expect(JSON.parse(out[0]!)).toMatchObject({ state: 'connected', auth: 'oauth', account: 'oauth-user' });
      const grant = JSON.parse((await store.get(ws, 'connector:github:oauth'))!) as { accessToken: string; refreshToken: string };
      expect(as.validAccessToken(grant.accessToken)).toBe(true);
      expect(out.join()).not.toContain(grant.accessToken);
      expect((await cli(['connector', 'test', 'github', '--workspace', ws])).code).toBe(0);
      expect(gh.requests.every((r) => r.authorization === `Bearer ${grant.accessToken}`)).toBe(true);

      const removed = await cli(['connector', 'remove', 'github', '--workspace', ws]);
      expect(removed.out[0]).toContain('revoked at the provider');
      expect(as.liveRefreshTokens()).toEqual([]);
      expect(as.validAccessToken(grant.accessToken)).toBe(false);
      expect(await store.keys(ws)).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
    }
  });
});
