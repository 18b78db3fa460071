// The shipped HubSpot description (src-main/integrations/rest/specs/
// hubspot.json) over real HTTP against a fake HubSpot CRM v3 API, the
// private app token in the real OS keychain, each tool call through the
// workspace's real gate (permission, schema, confirmation, audit): the
// token as `Authorization: Bearer …` on every request and nowhere on disk,
// every read operation, paging with the `after` cursor HubSpot answers in
// `paging.next.after` (lists and search), a create held for approval then
// run once, one wait on a 429's Retry-After, and a revoked token (401)
// putting the connection in the reconnect state until it is rotated.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/common/contract';
import { connectorSecretKey } from '../../src-main/integrations/oauth/OAuthTokenVault';
import { startFakeHubspot, type HubspotObjectType } from '../fixtures/fakeHubspotServer';
import { filesHolding } from '../fixtures/filesHolding';
import { useRealKeychain } from '../fixtures/realKeychain';
import { restSetup } from '../fixtures/restSetup';

const keychain = useRealKeychain();
const made: string[] = [];
afterEach(async () => {
  for (const ws of made.splice(0)) await keychain.store.deleteNamespace(ws);
});

const TOKEN = 'pat-na1-11111111-2222-4333-8444-555555555555';
const ROTATED = 'pat-na1-99999999-8888-4777-8666-555555555555';

type Json = Record<string, unknown>;
type Obj = { id: string; properties: Record<string, string | null> };
type Page = { results: Obj[]; total?: number; paging?: { next: { after: string } } };
type View = { name: string; state: string; reason: string | null; header: string | null; tools: { name: string; write: boolean }[] };

async function setup() {
  const hs = await startFakeHubspot({ tokens: [TOKEN] });
  const r = await restSetup({ secrets: keychain.store });
  made.push(r.workspaceId);
  const connect = () => r.t.call<View>('rest.add', { workspaceId: r.workspaceId, name: 'hubspot', spec: 'hubspot', baseUrl: hs.baseUrl, credentials: { kind: 'header', value: TOKEN } });
  return { ...r, hs, connect };
}

const ONE: Record<HubspotObjectType, string> = { contacts: 'contact', companies: 'company', deals: 'deal' };

describe('HubSpot through the REST connector', () => {
  it('connects with the token in the keychain only, and sends it as a bearer token on every request', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    const view = await s.connect();
    expect(view).toMatchObject({ state: 'connected', header: 'Authorization' });
    expect(view.tools.filter((t) => !t.write).map((t) => t.name).sort()).toEqual(
      ['contacts', 'companies', 'deals'].flatMap((t) => [`rest_hubspot_list_${t}`, `rest_hubspot_search_${t}`, `rest_hubspot_get_${ONE[t as HubspotObjectType]}`]).sort(),
    );
    expect(view.tools.filter((t) => t.write).map((t) => t.name)).toEqual(['rest_hubspot_create_contact', 'rest_hubspot_create_company', 'rest_hubspot_create_deal']);
    // The health check was HubSpot's own: one contact.
    expect(s.hs.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/crm/v3/objects/contacts', query: { limit: '1' }, authorization: `Bearer ${TOKEN}` })]);
    expect(await keychain.store.get(s.workspaceId, connectorSecretKey('rest-hubspot', 'token'))).toContain(TOKEN);
    expect(filesHolding(s.t.dataDir, TOKEN)).toEqual([]);
    expect(JSON.stringify(await s.t.call('rest.list', { workspaceId: s.workspaceId }))).not.toContain(TOKEN);
  });

  it('runs every read operation, following paging.next.after on lists and on search', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    await s.connect();
    for (let n = 0; n < 25; n++) s.hs.add('contacts', { email: `person${n}@acme.example`, firstname: `Person${n}`, lastname: n % 2 === 0 ? 'Even' : 'Odd', phone: `+32 2 555 00 ${n}` });
    s.hs.add('companies', { name: 'Acme', domain: 'acme.example', industry: 'Software' });
    s.hs.add('deals', { dealname: 'Acme renewal', amount: '12000', dealstage: 'contractsent', pipeline: 'default' });

    // Lists: pages of `limit`, the next cursor in paging.next.after, none on the last page.
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const out = await s.callTool('rest_hubspot_list_contacts', { limit: 10, ...(after ? { after } : {}) });
      expect(out.ok, out.error).toBe(true);
      const page = out.result as Page;
      seen.push(...page.results.map((c) => c.properties.email!));
      after = page.paging?.next.after;
      pages += 1;
    } while (after !== undefined && pages < 5);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, n) => `person${n}@acme.example`));
    expect(s.hs.requests.filter((r) => r.path === '/crm/v3/objects/contacts').slice(1).map((r) => r.query.after ?? null)).toEqual([null, expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    // Properties asked for come back, with the three HubSpot always sends.
    const some = await s.callTool('rest_hubspot_list_contacts', { limit: 1, properties: 'phone' });
    expect(Object.keys((some.result as Page).results[0]!.properties).sort()).toEqual(['createdate', 'hs_object_id', 'lastmodifieddate', 'phone']);
    // The description's bounds are the gate's: HubSpot's 100 at most.
    expect(await s.callTool('rest_hubspot_list_contacts', { limit: 500 })).toMatchObject({ ok: false });

    // Search: text, then filters, paged with `after` in the body.
    const text = await s.callTool('rest_hubspot_search_contacts', { query: 'person1' });
    expect((text.result as Page).total).toBe(11); // person1, person10…person19
    const filtered: string[] = [];
    let cursor: string | undefined;
    do {
      const out = await s.callTool('rest_hubspot_search_contacts', { filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ', value: 'Even' }] }], limit: 5, ...(cursor ? { after: cursor } : {}) });
      expect(out.ok, out.error).toBe(true);
      const page = out.result as Page;
      expect(page.total).toBe(13);
      filtered.push(...page.results.map((c) => c.properties.email!));
      cursor = page.paging?.next.after;
    } while (cursor !== undefined && filtered.length < 50);
    expect(filtered).toHaveLength(13);
    const searches = s.hs.requests.filter((r) => r.path === '/crm/v3/objects/contacts/search' && (r.body as Json).filterGroups);
    expect(searches.map((r) => (r.body as Json).after ?? null)).toEqual([null, '5', '10']);
    expect(searches[0]!.method).toBe('POST');

    // Every type: list, search, get; a missing id is HubSpot's 404, said plainly.
    for (const type of ['contacts', 'companies', 'deals'] as const) {
      const [first] = s.hs.all(type);
      const list = await s.callTool(`rest_hubspot_list_${type}`, {});
      expect(list.ok, list.error).toBe(true);
      expect((list.result as Page).results.length).toBeGreaterThan(0);
      const found = await s.callTool(`rest_hubspot_search_${type}`, { query: type === 'contacts' ? 'person24' : 'acme' });
      expect(found.ok, found.error).toBe(true);
      expect((found.result as Page).results.map((o) => o.id)).toEqual([type === 'contacts' ? s.hs.all('contacts')[24]!.id : first!.id]);
      const got = await s.callTool(`rest_hubspot_get_${ONE[type]}`, { id: first!.id });
      expect(got.ok, got.error).toBe(true);
      expect((got.result as Obj).id).toBe(first!.id);
      const missing = await s.callTool(`rest_hubspot_get_${ONE[type]}`, { id: '424242' });
      expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('HubSpot has nothing') });
    }
    const deal = await s.callTool('rest_hubspot_get_deal', { id: s.hs.all('deals')[0]!.id, properties: 'dealname,amount' });
    expect((deal.result as Obj).properties).toMatchObject({ dealname: 'Acme renewal', amount: '12000' });

    expect(s.hs.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const audit = await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId, actorId: s.dh.id });
    expect(audit.find((e) => e.action === 'tool.rest_hubspot_search_deals')).toMatchObject({ outcome: 'allowed', resource: 'rest/hubspot/crm/v3/objects/deals/search' });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it('holds a create for approval, then runs it once', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    await s.connect();
    const args = { properties: { dealname: 'Globex pilot', amount: '5000', dealstage: 'appointmentscheduled' } };
    const held = await s.callTool('rest_hubspot_create_deal', args);
    expect(held.pending).toBeDefined();
    expect(held.error).toContain('waits for');
    expect(s.hs.all('deals')).toEqual([]);
    expect(s.hs.requests.filter((r) => r.method === 'POST')).toEqual([]);
    const done = await s.callTool('rest_hubspot_create_deal', args, { confirmedBy: 'Me' });
    expect(done.ok, done.error).toBe(true);
    expect(done.result).toMatchObject({ id: expect.any(String), properties: { dealname: 'Globex pilot', amount: '5000' } });
    expect(s.hs.all('deals').map((d) => d.properties.dealname)).toEqual(['Globex pilot']);
    expect(s.hs.requests.filter((r) => r.method === 'POST')).toEqual([expect.objectContaining({ path: '/crm/v3/objects/deals', body: args, authorization: `Bearer ${TOKEN}` })]);
    const audit = await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId, actorId: s.dh.id });
    expect(audit.filter((e) => e.action === 'tool.rest_hubspot_create_deal').map((e) => e.outcome).sort()).toEqual(['allowed', 'denied']);
  });

  it('waits out a 429 with Retry-After once, and says when to try again after a long one', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    await s.connect();
    s.hs.add('companies', { name: 'Acme' });
    const before = s.hs.requests.length;
    s.hs.rateLimitNext(1);
    const started = Date.now();
    const ok = await s.callTool('rest_hubspot_list_companies', {});
    expect(ok.ok, ok.error).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(s.hs.requests.length - before).toBe(2); // the 429, then the answer
    s.hs.rateLimitNext(120);
    const limited = await s.callTool('rest_hubspot_list_companies', {});
    expect(limited).toMatchObject({ ok: false, error: expect.stringMatching(/HubSpot's rate limit.*nothing was done\. Try again in 120 s/) });
  });

  it('on a revoked token (401) goes to reconnect with the reason, fails fast, and works again once rotated', async (ctx) => {
    keychain.skipWithout(ctx);
    const s = await setup();
    await s.connect();
    s.hs.revoke(TOKEN);
    const refused = await s.callTool('rest_hubspot_list_deals', {});
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('HubSpot needs to be connected again') });
    expect(refused.error).toContain('Authentication credentials not found');
    const [view] = await s.t.call<View[]>('rest.list', { workspaceId: s.workspaceId });
    expect(view).toMatchObject({ state: 'reconnect', reason: expect.stringContaining('the credentials were revoked or have expired') });
    // Later calls fail fast without sending the dead token again.
    const count = s.hs.requests.length;
    expect((await s.callTool('rest_hubspot_get_contact', { id: '1001' })).error).toContain('connected again');
    expect(s.hs.requests.length).toBe(count);
    expect(await s.t.call('rest.test', { workspaceId: s.workspaceId, name: 'hubspot' })).toMatchObject({ ok: false, errorCode: 'NOT_SIGNED_IN' });
    // A token HubSpot refuses too leaves it as it was; a good one brings it back.
    await expect(s.t.call('rest.rotate', { workspaceId: s.workspaceId, name: 'hubspot', credentials: { kind: 'header', value: 'pat-na1-not-a-real-token' } })).rejects.toThrow(/connected again/);
    s.hs.addToken(ROTATED);
    expect((await s.t.call<View>('rest.rotate', { workspaceId: s.workspaceId, name: 'hubspot', credentials: { kind: 'header', value: ROTATED } })).state).toBe('connected');
    const back = await s.callTool('rest_hubspot_list_deals', {});
    expect(back.ok, back.error).toBe(true);
    expect(s.hs.requests.at(-1)!.authorization).toBe(`Bearer ${ROTATED}`);
    expect(await keychain.store.get(s.workspaceId, connectorSecretKey('rest-hubspot', 'token'))).toContain(ROTATED);
  });
});
