// The REST connector with the shipped EspoCRM description against a fake
// EspoCRM over real HTTP (HMAC checked on every request), each tool call
// through the workspace's real gate (permission, schema, confirmation,
// audit): every read tool, paging, a write held then run once, 429 with
// Retry-After, 401 and rotation, a bad description refused, and one
// workspace's keys never used for another.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Workspace } from '../../src-main/common/contract';
import { espoHmacHeader } from '../../src-main/integrations/rest/RestApi';
import { loadRestSpec, SHIPPED_REST_SPECS } from '../../src-main/integrations/rest/RestSpec';
import { restTools } from '../../src-main/integrations/rest/restTools';
import { startFakeEspo } from '../fixtures/fakeEspoServer';
import { restSetup } from '../fixtures/restSetup';

type Json = Record<string, unknown>;
type View = { name: string; state: string; reason: string | null; tools: { name: string; write: boolean }[] };

async function setup() {
  const espo = await startFakeEspo({ keys: { key1: 'secret1', key2: 'secret2' } });
  const r = await restSetup();
  const connect = (ws: string, apiKey = 'key1', secretKey = 'secret1') =>
    r.t.call<View>('rest.add', { workspaceId: ws, name: 'espo', spec: 'espocrm', baseUrl: espo.baseUrl, credentials: { kind: 'hmac', apiKey, secretKey } });
  return { ...r, espo, connect };
}

describe('REST connector (EspoCRM over HMAC)', () => {
  it('signs as EspoCRM expects: base64(apiKey + ":" + raw HMAC-SHA256 of "METHOD /path")', () => {
    const header = Buffer.from(espoHmacHeader('key1', 'secret1', 'get', 'Account/a1'), 'base64');
    expect(header.subarray(0, 5).toString()).toBe('key1:');
    expect(header.length).toBe(5 + 32);
  });

  it('connects, and runs every read tool with a signed request, paging with offset and maxSize', async () => {
    const s = await setup();
    const view = await s.connect(s.workspaceId);
    expect(view.state).toBe('connected');
    expect(view.tools.filter((t) => !t.write).map((t) => t.name)).toHaveLength(8);
    expect(view.tools.filter((t) => t.write).map((t) => t.name)).toEqual(expect.arrayContaining(['rest_espo_create_account', 'rest_espo_update_task']));
    for (let n = 0; n < 250; n += 1) s.espo.add('Account', { name: `Account ${n}` });
    const first = await s.callTool('rest_espo_list_accounts', { maxSize: 200 });
    expect(first.ok, first.error).toBe(true);
    expect((first.result as { total: number; list: Json[] }).list).toHaveLength(200);
    const second = await s.callTool('rest_espo_list_accounts', { offset: 200, maxSize: 200 });
    expect(second.result).toMatchObject({ total: 250, list: expect.arrayContaining([expect.objectContaining({ name: 'Account 249' })]) });
    expect((second.result as { list: Json[] }).list).toHaveLength(50);
    const tooMany = await s.callTool('rest_espo_list_accounts', { maxSize: 500 });
    expect(tooMany).toMatchObject({ ok: false });
    for (const [entity, many, one] of [['Account', 'accounts', 'account'], ['Contact', 'contacts', 'contact'], ['Opportunity', 'opportunities', 'opportunity'], ['Task', 'tasks', 'task']] as const) {
      const id = s.espo.add(entity, { name: `${entity} to read`, description: 'x'.repeat(10_000) });
      const list = await s.callTool(`rest_espo_list_${many}`, { textFilter: 'to read' });
      expect(list.ok, list.error).toBe(true);
      expect((list.result as { list: Json[] }).list.map((r) => r.id)).toEqual([id]);
      const got = await s.callTool(`rest_espo_get_${one}`, { id });
      expect(got.ok, got.error).toBe(true);
      expect((got.result as Json).name).toBe(`${entity} to read`);
      // Long strings are cut to a bounded size.
      expect(String((got.result as Json).description).length).toBeLessThan(4100);
    }
    const missing = await s.callTool('rest_espo_get_account', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('EspoCRM has nothing') });
    expect(s.espo.requests.length).toBeGreaterThan(10);
    expect(s.espo.requests.every((r) => r.apiKey === 'key1')).toBe(true);
  });

  it('holds a write for approval, then runs it once', async () => {
    const s = await setup();
    await s.connect(s.workspaceId);
    const held = await s.callTool('rest_espo_create_account', { fields: { name: 'Globex', industry: 'Energy' } });
    expect(held.pending).toBeDefined();
    expect(s.espo.all('Account')).toEqual([]);
    expect(s.espo.requests.filter((r) => r.method === 'POST')).toEqual([]);
    const done = await s.callTool('rest_espo_create_account', { fields: { name: 'Globex', industry: 'Energy' } }, { confirmedBy: 'Me' });
    expect(done.ok, done.error).toBe(true);
    expect(s.espo.all('Account')).toEqual([expect.objectContaining({ name: 'Globex', industry: 'Energy' })]);
    expect(s.espo.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const id = (done.result as Json).id as string;
    const update = await s.callTool('rest_espo_update_account', { id, fields: { industry: 'Software' } });
    expect(update.pending).toBeDefined();
    expect(s.espo.get('Account', id)!.industry).toBe('Energy');
    await s.callTool('rest_espo_update_account', { id, fields: { industry: 'Software' } }, { confirmedBy: 'Me' });
    expect(s.espo.get('Account', id)!.industry).toBe('Software');
    expect(s.espo.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('waits out a short Retry-After once and says when to try again after a long one', async () => {
    const s = await setup();
    await s.connect(s.workspaceId);
    s.espo.add('Task', { name: 'Call back' });
    s.espo.rateLimitNext(1);
    const started = Date.now();
    const ok = await s.callTool('rest_espo_list_tasks', {});
    expect(ok.ok, ok.error).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    s.espo.rateLimitNext(120);
    const limited = await s.callTool('rest_espo_list_tasks', {});
    expect(limited).toMatchObject({ ok: false, error: expect.stringMatching(/rate limit.*nothing was done\. Try again in 120 s/) });
  });

  it('on a 401 goes to reconnect, fails fast, and works again once rotated', async () => {
    const s = await setup();
    await s.connect(s.workspaceId);
    s.espo.revoke('key1');
    const refused = await s.callTool('rest_espo_list_contacts', {});
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('EspoCRM needs to be connected again') });
    const count = s.espo.requests.length;
    const again = await s.callTool('rest_espo_list_contacts', {});
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining('needs to be connected again') });
    expect(s.espo.requests.length).toBe(count);
    expect((await s.t.call<View[]>('rest.list', { workspaceId: s.workspaceId }))[0]).toMatchObject({ state: 'reconnect' });
    expect(await s.t.call('rest.test', { workspaceId: s.workspaceId, name: 'espo' })).toMatchObject({ ok: false, errorCode: 'NOT_SIGNED_IN' });
    // A rotation the service refuses keeps the connection as it was.
    await expect(s.t.call('rest.rotate', { workspaceId: s.workspaceId, name: 'espo', credentials: { kind: 'hmac', apiKey: 'key2', secretKey: 'wrong' } })).rejects.toThrow(/connected again/);
    const rotated = await s.t.call<View>('rest.rotate', { workspaceId: s.workspaceId, name: 'espo', credentials: { kind: 'hmac', apiKey: 'key2', secretKey: 'secret2' } });
    expect(rotated.state).toBe('connected');
    expect(await s.t.call('rest.test', { workspaceId: s.workspaceId, name: 'espo' })).toMatchObject({ ok: true });
    const back = await s.callTool('rest_espo_list_contacts', {});
    expect(back.ok, back.error).toBe(true);
    expect(s.espo.requests.at(-1)!.apiKey).toBe('key2');
  });

  it('refuses a bad description, and credentials the service refuses, saving nothing', async () => {
    const s = await setup();
    const bad = { name: 'Shop', health: { path: 'me' }, operations: [{ name: 'get_order', description: 'One order', method: 'GET', path: 'orders/{id}', kind: 'read', params: [] }] };
    await expect(s.t.call('rest.add', { workspaceId: s.workspaceId, name: 'shop', spec: bad, baseUrl: s.espo.baseUrl, auth: { kind: 'header', header: 'X-Api-Key' }, credentials: { kind: 'header', value: 'k' } })).rejects.toThrow(
      /The REST description given is not valid: operations\.0: path placeholder \{id\} has no "in":"path" parameter/,
    );
    await expect(s.connect(s.workspaceId, 'key1', 'not-the-secret')).rejects.toThrow(/EspoCRM needs to be connected again/);
    expect(await s.t.call('rest.list', { workspaceId: s.workspaceId })).toEqual([]);
    await expect(s.t.call('rest.add', { workspaceId: s.workspaceId, name: 'espo', spec: 'espocrm', baseUrl: 'http://crm.example.com/api/v1', credentials: { kind: 'hmac', apiKey: 'a', secretKey: 'b' } })).rejects.toThrow(/http/i);
    expect(() => loadRestSpec('/nonexistent/spec.json')).toThrow(/cannot be read/);
  });

  it("never uses workspace A's key for workspace B", async () => {
    const s = await setup();
    await s.connect(s.workspaceId, 'key1', 'secret1');
    const b = await s.t.call<Workspace>('workspace.create', { name: 'Other client' });
    const dhB = await s.t.call<DigitalHuman>('dh.create', { workspaceId: b.id, name: 'Sales B', handle: 'sales-b', persona: 'CRM.', tools: ['connectors'] });
    const before = s.espo.requests.length;
    const none = await s.callTool('rest_espo_list_accounts', {}, { workspaceId: b.id, dh: dhB });
    expect(none.ok).toBe(false);
    expect(s.espo.requests.length).toBe(before);
    await s.connect(b.id, 'key2', 'secret2');
    await s.callTool('rest_espo_list_accounts', {}, { workspaceId: b.id, dh: dhB });
    await s.callTool('rest_espo_list_accounts', {});
    const after = s.espo.requests.slice(before);
    expect(after.map((r) => r.apiKey)).toEqual(['key2', 'key2', 'key1']);
    await s.t.call('rest.remove', { workspaceId: b.id, name: 'espo' });
    expect(await s.t.call('rest.list', { workspaceId: b.id })).toEqual([]);
    expect(await s.t.call<View[]>('rest.list', { workspaceId: s.workspaceId })).toHaveLength(1);
  });

  it('ships a HubSpot description whose tools read at once and create with approval', () => {
    const tools = restTools('hs', loadRestSpec('hubspot'), () => {
      throw new Error('not called');
    });
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['rest_hs_list_contacts', 'rest_hs_search_deals', 'rest_hs_get_company', 'rest_hs_create_deal']));
    expect(tools.filter((t) => t.confirm !== undefined).map((t) => t.name)).toEqual(['rest_hs_create_contact', 'rest_hs_create_company', 'rest_hs_create_deal']);
    expect(Object.keys(SHIPPED_REST_SPECS)).toEqual(['espocrm', 'hubspot', 'notion']);
  });

  it('connects an own description with basic authentication, and never follows a redirect with the credentials', async () => {
    const seen: { url: string; authorization: string | undefined }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      if (req.headers.authorization !== `Basic ${Buffer.from('bot:pa:ss word').toString('base64')}`) {
        res.writeHead(401).end('{"message":"Bad login"}');
        return;
      }
      if (req.url?.startsWith('/api/moved')) {
        res.writeHead(302, { location: 'http://127.0.0.2:9/steal' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, items: Array.from({ length: 300 }, (_, n) => n) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const s = await restSetup();
      const spec = {
        name: 'Shop',
        health: { path: 'me' },
        operations: [
          { name: 'get_order', description: 'One order.', method: 'GET', path: 'orders/{id}', kind: 'read', params: [{ name: 'id', in: 'path', type: 'string', required: true }, { name: 'expand', in: 'query', type: 'boolean' }] },
          { name: 'moved', description: 'Moved.', method: 'GET', path: 'moved', kind: 'read' },
        ],
      };
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
      await s.t.call('rest.add', { workspaceId: s.workspaceId, name: 'shop', spec, specSource: 'shop.json', baseUrl, auth: { kind: 'basic' }, credentials: { kind: 'basic', username: 'bot', password: 'pa:ss word' } });
      const got = await s.callTool('rest_shop_get_order', { id: 'a/../b c', expand: true });
      expect(got.ok, got.error).toBe(true);
      const r = got.result as { url: string; items: unknown[] };
      expect(r.url).toBe('/api/orders/a%2F..%2Fb%20c?expand=true');
      expect(r.items).toHaveLength(201);
      const moved = await s.callTool('rest_shop_moved', {});
      expect(moved).toMatchObject({ ok: false, error: expect.stringContaining('redirected') });
      expect(seen.every((q) => q.url.startsWith('/api/'))).toBe(true);
    } finally {
      server.close();
    }
  });
});
