// OAuth 2.1 for the desktop app against a real local authorization server
// (tests/fixtures/fakeOAuthServer.ts), with the grant in the real OS keychain
// under the run's test-only prefix. The "browser" is an HTTP client that
// follows the authorization URL the app opens.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthClient, type OAuthClientDeps } from '../../src-main/integrations/oauth/OAuthClient';
import { OAuthTokenVault, connectorSecretKey } from '../../src-main/integrations/oauth/OAuthTokenVault';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;
const namespaces: string[] = [];

afterEach(async () => {
  for (const ns of namespaces.splice(0)) await store.deleteNamespace(ns);
});

function workspace(): string {
  const id = `ws-oauth-${randomBytes(4).toString('hex')}`;
  namespaces.push(id);
  return id;
}

/** A browser that follows every redirect, as the person's browser does once they approve. */
const followingBrowser = async (url: string): Promise<void> => {
  await fetch(url);
};

function client(openUrl: OAuthClientDeps['openUrl'], extra: Partial<OAuthClientDeps> = {}): OAuthClient {
  return new OAuthClient({ vault: new OAuthTokenVault(store), openUrl, authorizeTimeoutMs: 5_000, ...extra });
}

async function stored(ws: string): Promise<Record<string, unknown> | null> {
  const raw = await store.get(ws, connectorSecretKey('github', 'oauth'));
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
}

describe('OAuth authorization code + PKCE with a loopback redirect', () => {
  let as: FakeOAuthServer;

  it('connects through the browser and keeps the grant in the keychain only', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    const opened: string[] = [];
    const oauth = client(async (url) => {
      opened.push(url);
      await followingBrowser(url);
    });
    const status = await oauth.connect(ws, 'github', as.provider);
    expect(status).toMatchObject({ state: 'connected', scope: 'repo workflow' });

    const auth = new URL(opened[0]!);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    const redirect = new URL(auth.searchParams.get('redirect_uri')!);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(Number(redirect.port)).toBeGreaterThan(0);
    // The code was redeemed with the verifier whose hash was the challenge, and no secret.
    const exchange = as.requests.find((r) => r.path === '/token')!;
    expect(exchange.params.code_verifier).toMatch(/^[\w-]{43,128}$/);
    expect(exchange.params.client_secret).toBeUndefined();

    const grant = await stored(ws);
    expect(grant).toMatchObject({ state: 'connected' });
    expect(as.validAccessToken(grant!.accessToken as string)).toBe(true);
    expect(as.liveRefreshTokens()).toEqual([grant!.refreshToken]);
    expect(await oauth.accessToken(ws, 'github', as.provider)).toBe(grant!.accessToken);
    // The listener is gone once the flow is over.
    await expect(fetch(redirect.href)).rejects.toThrow();
  });

  it('redeems a code only with the right PKCE verifier', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    let stolen: Response | null = null;
    const oauth = client(async (url) => {
      const redirect = await fetch(url, { redirect: 'manual' });
      const callback = new URL(redirect.headers.get('location')!);
      // Someone who intercepted the code but not the verifier cannot redeem it.
      stolen = await fetch(`${as.baseUrl}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: as.provider.clientId,
          code: callback.searchParams.get('code')!,
          redirect_uri: `${callback.origin}${callback.pathname}`,
          code_verifier: 'a'.repeat(43),
        }),
      });
      await fetch(callback);
    });
    await oauth.connect(ws, 'github', as.provider);
    expect(stolen!.status).toBe(400);
    expect(await stolen!.json()).toMatchObject({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
    expect((await stored(ws))?.state).toBe('connected');
  });

  it('refuses a redirect whose state is not the one it sent, and saves nothing', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    const oauth = client(async (url) => {
      const callback = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
      callback.searchParams.set('state', `${callback.searchParams.get('state')!}x`);
      await fetch(callback);
    });
    await expect(oauth.connect(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('does not match') });
    expect(as.requests.some((r) => r.path === '/token')).toBe(false);
    expect(await stored(ws)).toBeNull();
  });

  it('says so when the person refuses, and when nobody comes back in time', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    as.denyNext();
    await expect(client(followingBrowser).connect(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'PROVIDER_REFUSED', message: expect.stringContaining('access_denied') });
    await expect(client(() => undefined, { authorizeTimeoutMs: 300 }).connect(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'CLOSED' });
    expect(await stored(ws)).toBeNull();
  });

  it('refreshes the access token shortly before it expires, not earlier', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer({ expiresIn: 120 });
    const ws = workspace();
    let now = Date.now();
    const oauth = client(followingBrowser, { now: () => now, refreshMarginMs: 60_000 });
    await oauth.connect(ws, 'github', as.provider);
    const first = await oauth.accessToken(ws, 'github', as.provider);
    now += 50_000;
    expect(await oauth.accessToken(ws, 'github', as.provider)).toBe(first);
    expect(as.requests.filter((r) => r.params.grant_type === 'refresh_token')).toHaveLength(0);
    now += 15_000; // 55 s left: inside the margin
    const [a, b] = await Promise.all([oauth.accessToken(ws, 'github', as.provider), oauth.accessToken(ws, 'github', as.provider)]);
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    expect(as.requests.filter((r) => r.params.grant_type === 'refresh_token')).toHaveLength(1);
    expect(as.validAccessToken(a)).toBe(true);
    expect((await stored(ws))?.refreshToken).toBe(as.liveRefreshTokens()[0]);
  });

  it('goes to a reconnect state when the refresh token is revoked', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer({ expiresIn: 30 });
    const ws = workspace();
    const oauth = client(followingBrowser);
    await oauth.connect(ws, 'github', as.provider);
    as.revokeAll();
    await expect(oauth.accessToken(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('connected again') });
    expect(await oauth.status(ws, 'github')).toMatchObject({ state: 'reconnect' });
    const grant = await stored(ws);
    expect(grant).not.toHaveProperty('refreshToken');
    expect(grant).not.toHaveProperty('accessToken');
    // It stays so without asking the server again, until the person reconnects.
    const before = as.requests.length;
    await expect(oauth.accessToken(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(as.requests.length).toBe(before);
    await oauth.connect(ws, 'github', as.provider);
    expect(await oauth.status(ws, 'github')).toMatchObject({ state: 'connected' });
  });

  it('revokes the tokens at the provider on disconnect and removes the keychain entry', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    const oauth = client(followingBrowser);
    await oauth.connect(ws, 'github', as.provider);
    const token = await oauth.accessToken(ws, 'github', as.provider);
    expect(await oauth.disconnect(ws, 'github', as.provider)).toEqual({ revoked: true, problem: null });
    expect(as.requests.filter((r) => r.path === '/revoke').map((r) => r.params.token_type_hint)).toEqual(['refresh_token', 'access_token']);
    expect(as.validAccessToken(token)).toBe(false);
    expect(as.liveRefreshTokens()).toEqual([]);
    expect(await store.keys(ws)).toEqual([]);
    expect(await oauth.status(ws, 'github')).toEqual({ state: 'none' });
  });

  it('still removes the keychain entry when the provider cannot be reached', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    const oauth = client(followingBrowser);
    await oauth.connect(ws, 'github', as.provider);
    await as.close();
    const out = await oauth.disconnect(ws, 'github', as.provider);
    expect(out.revoked).toBe(false);
    expect(out.problem).toMatch(/cannot be reached/);
    expect(await store.keys(ws)).toEqual([]);
  });

  it('cancels a sign-in that waits in the browser: the listener closes at once and nothing is saved', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer();
    const ws = workspace();
    let authorizeUrl = '';
    const oauth = client((url) => void (authorizeUrl = url), { authorizeTimeoutMs: 60_000 });
    expect(oauth.cancel(ws, 'github')).toBe(false);
    const started = Date.now();
    const pending = oauth.connect(ws, 'github', as.provider);
    await expect.poll(() => authorizeUrl).not.toBe('');
    expect(oauth.cancel(ws, 'github')).toBe(true);
    await expect(pending).rejects.toMatchObject({ code: 'CLOSED', message: expect.stringContaining('cancelled: nothing was saved') });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The person approves in the browser anyway: nobody listens any more, and no code is redeemed.
    const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri')!;
    await expect(fetch(`${redirectUri}?code=late&state=s`)).rejects.toThrow();
    expect(oauth.cancel(ws, 'github')).toBe(false);
    expect(as.requests.some((r) => r.path === '/token')).toBe(false);
    expect(await stored(ws)).toBeNull();
    // A sign-in started afterwards works as usual.
    await client(followingBrowser).connect(ws, 'github', as.provider);
    expect((await stored(ws))?.state).toBe('connected');
  });

  it('sends the client secret in the form body to a provider that requires it, and keeps it in the keychain only', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer({ clientSecret: 'GOCSPX-installed-app', expiresIn: 30 });
    const ws = workspace();
    // Without the secret, the token endpoint refuses the code, as Google's does for desktop clients.
    await expect(client(followingBrowser).connect(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'PROVIDER_REFUSED', message: expect.stringContaining('client_secret is missing') });
    expect(await store.keys(ws)).toEqual([]);
    const provider = { ...as.provider, tokenEndpointAuth: 'client_secret_post' as const };
    // A provider that needs a secret nobody gave fails before the browser opens.
    const opened: string[] = [];
    await expect(client((url) => void opened.push(url)).connect(ws, 'github', provider)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('client secret is missing') });
    expect(opened).toEqual([]);

    await client(followingBrowser).connect(ws, 'github', provider, { clientSecret: 'GOCSPX-installed-app' });
    const exchange = as.requests.filter((r) => r.path === '/token').at(-1)!;
    expect(exchange.params).toMatchObject({ grant_type: 'authorization_code', client_id: as.provider.clientId, client_secret: 'GOCSPX-installed-app' });
    expect(await store.get(ws, connectorSecretKey('github', 'client-secret'))).toBe('GOCSPX-installed-app');
    expect(JSON.stringify(await stored(ws))).not.toContain('GOCSPX');
    // A later run (a new client) refreshes with the saved secret, and disconnecting revokes with it and forgets it.
    const later = client(followingBrowser);
    const first = (await stored(ws))!.accessToken as string;
    const refreshed = await later.accessToken(ws, 'github', provider);
    expect(refreshed).not.toBe(first);
    expect(as.requests.filter((r) => r.params.grant_type === 'refresh_token').at(-1)!.params.client_secret).toBe('GOCSPX-installed-app');
    expect(await later.disconnect(ws, 'github', provider)).toEqual({ revoked: true, problem: null });
    expect(as.validAccessToken(refreshed)).toBe(false);
    expect(await store.keys(ws)).toEqual([]);
  });

  it('uses a localhost redirect URI for a provider that registers only localhost', async (ctx) => {
    keychain.skipWithout(ctx);
    as = await startFakeOAuthServer({ redirectHost: 'localhost' });
    const ws = workspace();
    // The 127.0.0.1 default is refused by such a provider: the browser never comes back.
    let refused = 0;
    const refusedBrowser = async (url: string): Promise<void> => void (refused = (await fetch(url)).status);
    await expect(client(refusedBrowser, { authorizeTimeoutMs: 500 }).connect(ws, 'github', as.provider)).rejects.toMatchObject({ code: 'CLOSED' });
    expect(refused).toBe(400);
    const opened: string[] = [];
    const oauth = client(async (url) => {
      opened.push(url);
      await followingBrowser(url);
    });
    expect(await oauth.connect(ws, 'github', { ...as.provider, redirectHost: 'localhost' })).toMatchObject({ state: 'connected' });
    const redirect = new URL(new URL(opened[0]!).searchParams.get('redirect_uri')!);
    expect(redirect.hostname).toBe('localhost');
    expect(as.requests.find((r) => r.path === '/token')!.params.redirect_uri).toBe(redirect.href);
    expect((await stored(ws))?.state).toBe('connected');
  });
});
