// A REST connection whose description signs in by OAuth, with the real OS
// keychain, the fake authorization server (tests/fixtures/fakeOAuthServer.ts:
// PKCE, refresh, RFC 7009 revocation) and a fake REST API over real HTTP
// that accepts only the bearer tokens that server issued and did not revoke:
// connecting drives the loopback redirect as a browser would, a read sends
// the bearer, an expiring token is refreshed first, a revoked one puts the
// connection in the reconnect state with a clear message, rotating signs in
// again, removing revokes and empties the keychain, a description with a
// plain-http endpoint off this computer is refused; and the same through
// `qwanyx connector add|rotate|remove rest --oauth`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { workspaceDir } from '../../src-main/storage/workspacePaths';
import { startBearerFake } from '../fixtures/fakeBearerApi';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { useRealKeychain } from '../fixtures/realKeychain';
import { restSetup } from '../fixtures/restSetup';
import { makeTempDir } from '../fixtures/tempDir';

const keychain = useRealKeychain();
const store = keychain.store;
/** The connector entries of a workspace's keychain namespace (the audit signing key lives there too). */
const connectorKeys = async (ws: string): Promise<string[]> => (await store.keys(ws)).filter((k) => k.startsWith('connector:'));

type View = { name: string; state: string; reason: string | null; auth: string; oauth: { scopes: string[]; revocable: boolean } | null; tools: { name: string; write: boolean }[] };

function shopSpec(as: FakeOAuthServer, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Shop',
    auth: { kind: 'oauth', authorizationUrl: as.provider.authorizationEndpoint, tokenUrl: as.provider.tokenEndpoint, revocationUrl: as.provider.revocationEndpoint, scopes: ['orders.read'], ...over },
    health: { path: 'me' },
    operations: [{ name: 'get_order', description: 'One order by id.', method: 'GET', path: 'orders/{id}', kind: 'read', params: [{ name: 'id', in: 'path', type: 'string', required: true }] }],
  };
}

async function startShop(as: FakeOAuthServer) {
  return startBearerFake((t) => as.validAccessToken(t), { message: 'Invalid token' }, (req) => {
    if (req.method === 'GET' && req.path === '/api/me') return { status: 200, body: { id: 'bot' } };
    const m = /^\/api\/orders\/([\w-]+)$/.exec(req.path);
    if (req.method === 'GET' && m) return { status: 200, body: { id: m[1], total: 42 } };
    return null;
  });
}

async function setup(options: { expiresIn?: number; clientSecret?: string } = {}) {
  const as = await startFakeOAuthServer({ clientId: 'shop-app', ...options });
  const shop = await startShop(as);
  const r = await restSetup({ secrets: store, openExternal: async (url) => void (await fetch(url)) });
  const connect = () =>
    r.t.call<View>('rest.add', { workspaceId: r.workspaceId, name: 'shop', baseUrl: `${shop.baseUrl}/api`, spec: shopSpec(as), specSource: 'shop.json', credentials: { kind: 'oauth', clientId: 'shop-app', ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}) } });
  const grant = async () => JSON.parse((await store.get(r.workspaceId, 'connector:rest-shop:oauth'))!) as { state: string; accessToken: string; refreshToken: string; reason?: string };
  return { ...r, as, shop, connect, grant };
}

describe('REST connection by OAuth', () => {
  it('connects by a sign-in in the browser, and a read sends the bearer token; removing revokes it and empties the keychain', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    try {
      const view = await s.connect();
      expect(view).toMatchObject({ name: 'shop', state: 'connected', auth: 'oauth', oauth: { scopes: ['orders.read'], revocable: true } });
      expect(view.tools.map((t) => t.name)).toEqual(['rest_shop_get_order']);
      const authorize = s.as.requests.find((r) => r.path === '/authorize')!;
      expect(authorize.params).toMatchObject({ client_id: 'shop-app', code_challenge_method: 'S256', scope: 'orders.read' });
      expect(await connectorKeys(s.workspaceId)).toEqual(['connector:rest-shop:oauth']);
      const { accessToken } = await s.grant();
      // No credential in the connection file.
      const file = fs.readFileSync(path.join(workspaceDir(s.t.dataDir, s.workspaceId), 'connectors', 'rest', 'shop.json'), 'utf8');
      expect(file).not.toContain(accessToken);

      const got = await s.callTool('rest_shop_get_order', { id: 'o-1' });
      expect(got.ok, got.error).toBe(true);
      expect(got.result).toMatchObject({ id: 'o-1', total: 42 });
      expect(s.shop.requests.at(-1)).toMatchObject({ path: '/api/orders/o-1', authorization: `Bearer ${accessToken}` });

      const removed = await s.t.call<{ removed: boolean; revoked: boolean; problem: string | null }>('rest.remove', { workspaceId: s.workspaceId, name: 'shop' });
      expect(removed).toEqual({ removed: true, revoked: true, problem: null });
      expect(s.as.validAccessToken(accessToken)).toBe(false);
      expect(s.as.liveRefreshTokens()).toEqual([]);
      expect(await connectorKeys(s.workspaceId)).toEqual([]);
      expect(await s.t.call<View[]>('rest.list', { workspaceId: s.workspaceId })).toEqual([]);
    } finally {
      await store.deleteNamespace(s.workspaceId);
    }
  });

  it('refreshes the access token before it expires, and sends the new one', async (ctx) => {
    keychain.skipWithout(ctx);
    // 30 s tokens: inside the client's 60 s margin, so each request refreshes first.
    const s = await setup({ expiresIn: 30 });
    try {
      await s.connect();
      const before = await s.grant();
      const refreshes = s.as.requests.filter((r) => r.params.grant_type === 'refresh_token').length;
      const got = await s.callTool('rest_shop_get_order', { id: 'o-2' });
      expect(got.ok, got.error).toBe(true);
      expect(s.as.requests.filter((r) => r.params.grant_type === 'refresh_token').length).toBe(refreshes + 1);
      const after = await s.grant();
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(s.shop.requests.at(-1)!.authorization).toBe(`Bearer ${after.accessToken}`);
    } finally {
      await store.deleteNamespace(s.workspaceId);
    }
  });

  it('goes to the reconnect state with a clear message when the service refuses a revoked token, until it signs in again', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    try {
      await s.connect();
      s.as.revokeAll();
      const refused = await s.callTool('rest_shop_get_order', { id: 'o-3' });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/Shop needs to be connected again \(it answered "Invalid token": the credentials were revoked or have expired\)/);
      const [listed] = await s.t.call<View[]>('rest.list', { workspaceId: s.workspaceId });
      expect(listed).toMatchObject({ state: 'reconnect', reason: expect.stringContaining('revoked') });
      expect((await s.grant()).state).toBe('reconnect');
      // Fails fast: the API is not asked again.
      const seen = s.shop.requests.length;
      expect((await s.callTool('rest_shop_get_order', { id: 'o-3' })).error).toMatch(/needs to be connected again/);
      expect(s.shop.requests.length).toBe(seen);

      // Keys are refused for an OAuth connection; rotating signs in again in the browser.
      await expect(s.t.call('rest.rotate', { workspaceId: s.workspaceId, name: 'shop', credentials: { kind: 'header', value: 'k' } })).rejects.toThrow(/signs in by OAuth/);
      const again = await s.t.call<View>('rest.rotate', { workspaceId: s.workspaceId, name: 'shop' });
      expect(again.state).toBe('connected');
      expect(s.as.requests.filter((r) => r.path === '/authorize')).toHaveLength(2);
      expect((await s.callTool('rest_shop_get_order', { id: 'o-3' })).ok).toBe(true);
    } finally {
      await store.deleteNamespace(s.workspaceId);
    }
  });

  it('goes to the reconnect state when the refresh token is refused (invalid_grant)', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup({ expiresIn: 30 });
    try {
      await s.connect();
      s.as.revokeAll();
      const refused = await s.callTool('rest_shop_get_order', { id: 'o-4' });
      expect(refused.error).toMatch(/Shop needs to be connected again \(the provider no longer accepts its authorization \(revoked or expired\)\)/);
      expect((await s.t.call<View[]>('rest.list', { workspaceId: s.workspaceId }))[0]!.state).toBe('reconnect');
    } finally {
      await store.deleteNamespace(s.workspaceId);
    }
  });

  it('refuses a description whose OAuth endpoint is plain http off this computer, and a connection the API refuses is not kept', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    try {
      const base = { workspaceId: s.workspaceId, name: 'shop', baseUrl: `${s.shop.baseUrl}/api`, specSource: 'shop.json', credentials: { kind: 'oauth', clientId: 'shop-app' } };
      await expect(s.t.call('rest.add', { ...base, spec: shopSpec(s.as, { tokenUrl: 'http://auth.example.com/token' }) })).rejects.toThrow(
        /The REST description shop\.json is not valid: auth\.tokenUrl: the address auth\.example\.com must use https:\/\//,
      );
      const { auth: _a, ...keyless } = shopSpec(s.as);
      await expect(s.t.call('rest.add', { ...base, spec: keyless })).rejects.toThrow(/names no OAuth endpoints/);
      await expect(s.t.call('rest.add', { ...base, spec: shopSpec(s.as), credentials: { kind: 'header', value: 'key' } })).rejects.toThrow(/Shop signs in by OAuth/);
      // Signed in, but the API refuses the grant on its health path: revoked at once, nothing kept.
      await expect(s.t.call('rest.add', { ...base, spec: { ...shopSpec(s.as), health: { path: 'missing' } } })).rejects.toThrow(/Shop has nothing at missing/);
      expect(s.as.liveRefreshTokens()).toEqual([]);
      expect(await connectorKeys(s.workspaceId)).toEqual([]);
      expect(s.as.requests.filter((r) => r.path === '/authorize')).toHaveLength(1);
    } finally {
      await store.deleteNamespace(s.workspaceId);
    }
  });
});

describe('qwanyx connector add|rotate|remove rest --oauth', () => {
  it('signs in through the printed address with a client secret from stdin, rotates by signing in again, and removes', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const as = await startFakeOAuthServer({ clientId: 'shop-app', clientSecret: 'shop-secret' });
    const shop = await startShop(as);
    const specFile = path.join(dir, 'shop.json');
    fs.writeFileSync(specFile, JSON.stringify(shopSpec(as)));
    const cli = (argv: string[], stdinLines: string[] = []) => {
      const lines = [...stdinLines];
      return runCliInProcess(dir, argv, { secretStore: store, browse: true, stdin: { isTTY: false, readLine: () => Promise.resolve(lines.shift() ?? null) } });
    };
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Shop Co', '--json'])).out[0]!) as { id: string }).id;
    try {
      const noId = await cli(['connector', 'add', 'rest', '--workspace', ws, '--name', 'shop', '--spec', specFile, '--base-url', `${shop.baseUrl}/api`, '--oauth']);
      expect(noId.code).not.toBe(0);
      expect(noId.err.join('\n')).toContain('--oauth needs --client-id');

      const added = await cli(['connector', 'add', 'rest', '--workspace', ws, '--name', 'shop', '--spec', specFile, '--base-url', `${shop.baseUrl}/api`, '--oauth', '--client-id', 'shop-app', '--client-secret-stdin'], ['shop-secret']);
      expect(added.code, added.err.join('\n')).toBe(0);
      expect(added.err.join('\n')).toContain('Open this address in your browser');
      expect(added.out.join('\n')).toMatch(/rest shop \(Shop\): connected[\s\S]*\(oauth, scopes: orders\.read, description: /);
      expect((await connectorKeys(ws)).sort()).toEqual(['connector:rest-shop:client-secret', 'connector:rest-shop:oauth']);
      const first = JSON.parse((await store.get(ws, 'connector:rest-shop:oauth'))!) as { accessToken: string };
      expect([...added.out, ...added.err].join('\n')).not.toContain(first.accessToken);
      expect([...added.out, ...added.err].join('\n')).not.toContain('shop-secret');

      const tested = await cli(['connector', 'test', 'rest', '--workspace', ws, '--name', 'shop']);
      expect(tested.code, tested.err.join('\n')).toBe(0);

      // Rotating signs in again with the same app and the saved client secret.
      const rotated = await cli(['connector', 'rotate', 'rest', '--workspace', ws, '--name', 'shop']);
      expect(rotated.code, rotated.err.join('\n')).toBe(0);
      expect(rotated.out[0]).toBe('Signed in again.');
      const second = JSON.parse((await store.get(ws, 'connector:rest-shop:oauth'))!) as { accessToken: string };
      expect(second.accessToken).not.toBe(first.accessToken);

      const removed = await cli(['connector', 'remove', 'rest', '--workspace', ws, '--name', 'shop']);
      expect(removed.code).toBe(0);
      expect(removed.out[0]).toBe('Disconnected rest shop (its tokens were revoked at the service); its keychain entries are gone.');
      expect(as.validAccessToken(second.accessToken)).toBe(false);
      expect(await connectorKeys(ws)).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
    }
  });
});
