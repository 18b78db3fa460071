// The OAuth sign-in of the calendar-and-mail connectors through the core's
// channels, against the real local authorization server and the fake Google
// and Graph APIs: a sign-in waiting in the browser is cancelled with
// connector.oauthCancel (the listener closes at once, nothing is saved);
// Microsoft's redirect URI names localhost; Google's client secret goes to
// the token endpoint in the form body, is kept in the keychain only, and is
// used again by rotate.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorSecretKey } from '../../src-main/integrations/oauth/OAuthTokenVault';
import { startFakeGoogle } from '../fixtures/fakeGoogleServer';
import { startFakeGraph } from '../fixtures/fakeGraphServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { makeCore } from '../fixtures/makeCore';
import { meAndWorkspace } from '../fixtures/roomPeers';

/** Whether any file under `dir` (databases included) holds `text`. */
function anyFileHolds(dir: string, text: string): boolean {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .some((e) => fs.readFileSync(path.join(e.parentPath, e.name)).includes(text));
}

describe('OAuth sign-in channels', () => {
  it('cancels a Microsoft sign-in that waits in the browser, whose redirect URI names localhost', async () => {
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-test-app', redirectHost: 'localhost', revocation: false });
    const graph = await startFakeGraph({ acceptToken: (t) => as.validAccessToken(t) });
    let browser: (url: string) => Promise<void> = async () => undefined;
    const t = await makeCore({ openExternal: (url) => browser(url) });
    const { workspaceId } = await meAndWorkspace(t);
    const urls: string[] = [];
    t.core.onEvent((event, payload) => {
      if (event === 'connector.authorizing') urls.push((payload as { url: string }).url);
    });
    const input = { workspaceId, connector: 'microsoft', apiUrl: graph.baseUrl, auth: { kind: 'oauth', clientId: 'qwanyx-test-app', authorizationEndpoint: as.provider.authorizationEndpoint, tokenEndpoint: as.provider.tokenEndpoint } };

    expect(await t.call('connector.oauthCancel', { workspaceId, connector: 'microsoft' })).toEqual({ cancelled: false });
    const pending = t.core.dispatch('connector.add', input);
    await expect.poll(() => urls.length).toBe(1);
    const redirectUri = new URL(new URL(urls[0]!).searchParams.get('redirect_uri')!);
    expect(redirectUri.hostname).toBe('localhost');
    expect(await t.call('connector.oauthCancel', { workspaceId, connector: 'microsoft' })).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CLOSED', message: expect.stringContaining('cancelled') as unknown } });
    await expect(fetch(`${redirectUri.href}?code=late&state=x`)).rejects.toThrow();
    expect(await t.call('connector.oauthCancel', { workspaceId, connector: 'microsoft' })).toEqual({ cancelled: false });
    expect(as.requests.some((r) => r.path === '/token')).toBe(false);
    expect(await t.call<{ connector: string }[]>('connector.list', { workspaceId })).toEqual([expect.objectContaining({ connector: 'github', state: 'none' })]);
    expect(await t.secrets.keys(workspaceId)).toEqual([]);

    // The person tries again and approves: the localhost redirect comes back and Microsoft 365 is connected.
    browser = async (url) => void (await fetch(url));
    expect(await t.call('connector.add', input)).toMatchObject({ connector: 'microsoft', state: 'connected' });
    expect(as.requests.find((r) => r.path === '/token')!.params.redirect_uri).toMatch(/^http:\/\/localhost:\d+\/oauth\/callback$/);
  });

  it('refuses a bad client secret or redirect host with a clear error', async () => {
    const t = await makeCore();
    const { workspaceId } = await meAndWorkspace(t);
    const auth = { kind: 'oauth', clientId: 'qwanyx-test-app' };
    const bad = async (extra: Record<string, unknown>): Promise<unknown> => t.core.dispatch('connector.add', { workspaceId, connector: 'google', auth: { ...auth, ...extra } });
    expect(await bad({ clientSecret: 'has space' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('client secret') as unknown } });
    expect(await bad({ redirectHost: '0.0.0.0' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.core.dispatch('connector.oauthCancel', { workspaceId, connector: 'notion' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it("sends Google's client secret to the token endpoint, keeps it in the keychain only, and rotates with it", async () => {
    const secret = 'GOCSPX-desktop-client-secret';
    const as = await startFakeOAuthServer({ clientId: 'qwanyx-test-app', clientSecret: secret });
    const google = await startFakeGoogle({ acceptToken: (tok) => as.validAccessToken(tok) });
    const t = await makeCore({ openExternal: async (url) => void (await fetch(url)) });
    const { workspaceId } = await meAndWorkspace(t);
    const input = (extra: Record<string, unknown>) => ({
      workspaceId,
      connector: 'google',
      apiUrl: google.baseUrl,
      auth: { kind: 'oauth', clientId: 'qwanyx-test-app', authorizationEndpoint: as.provider.authorizationEndpoint, tokenEndpoint: as.provider.tokenEndpoint, revocationEndpoint: as.provider.revocationEndpoint, ...extra },
    });
    // Without it, Google's token endpoint refuses the code: the error says so, and nothing is kept.
    expect(await t.core.dispatch('connector.add', input({}))).toMatchObject({ ok: false, error: { code: 'PROVIDER_REFUSED', message: expect.stringContaining('client_secret is missing') as unknown } });
    expect(await t.secrets.keys(workspaceId)).toEqual([]);

    const view = await t.call('connector.add', input({ clientSecret: secret }));
    expect(view).toMatchObject({ connector: 'google', state: 'connected' });
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(as.requests.filter((r) => r.path === '/token').at(-1)!.params).toMatchObject({ grant_type: 'authorization_code', client_secret: secret });
    expect(await t.secrets.get(workspaceId, connectorSecretKey('google', 'client-secret'))).toBe(secret);
    // The connection file says a secret is used, never what it is.
    expect(anyFileHolds(t.dataDir, secret)).toBe(false);
    expect(anyFileHolds(t.dataDir, 'client_secret_post')).toBe(true);

    expect(await t.call('connector.rotate', { workspaceId, connector: 'google' })).toMatchObject({ state: 'connected' });
    expect(as.requests.filter((r) => r.params.grant_type === 'authorization_code').map((r) => r.params.client_secret)).toEqual([undefined, secret, secret]);
    expect(await t.call('connector.remove', { workspaceId, connector: 'google' })).toMatchObject({ removed: true, revoked: true });
    expect(await t.secrets.keys(workspaceId)).toEqual([]);
  });
});
