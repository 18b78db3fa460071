// The calendar-and-mail tools against the fake Google and Graph APIs over
// real HTTP, connected by OAuth (code + PKCE against the fake authorization
// server), each call through the workspace's real gate: events in a range
// (pages followed), free slots from free/busy, confirmed event creation,
// mail listed and searched (bodies cut), drafts and sends held for
// approval, 429 with Retry-After, a revoked grant (reconnect), offline,
// remove (revoked at Google; Microsoft has no endpoint), and isolation
// between workspaces.
import { describe, expect, it } from 'vitest';
import { calendarMailSetup, otherWorkspace, type Kind } from '../fixtures/calendarMailSetup';

type Json = Record<string, unknown>;
const DAY = '2026-12-07';

describe.each<Kind>(['google', 'microsoft'])('calendar and mail tools (%s)', (kind) => {
  it('lists events across pages with the bearer token, and finds free slots in working hours', async () => {
    const s = await calendarMailSetup(kind);
    for (let n = 0; n < 30; n += 1) {
      const h = String(9 + Math.floor(n / 4)).padStart(2, '0');
      const m = String((n % 4) * 15).padStart(2, '0');
      s.api.box.events.push({ id: `e${n}`, title: `Meeting ${n}`, start: `${DAY}T${h}:${m}:00.000Z`, end: `${DAY}T${h}:${String((n % 4) * 15 + 10).padStart(2, '0')}:00.000Z`, attendees: ['ann@example.com'] });
    }
    const listed = await s.callTool('calendar_list_events', { from: `${DAY}T00:00:00Z`, to: `${DAY}T23:59:00Z`, limit: 25 });
    expect(listed.ok, listed.error).toBe(true);
    const events = listed.result as Json[];
    expect(events).toHaveLength(25);
    expect(events[0]).toMatchObject({ title: 'Meeting 0', start: `${DAY}T09:00:00.000Z`, end: `${DAY}T09:10:00.000Z`, attendees: ['ann@example.com'] });
    // The fakes give 10 a page: 25 events take three pages (nextPageToken / @odata.nextLink).
    const pages = s.api.requests.filter((r) => r.path === (kind === 'google' ? '/calendar/v3/calendars/primary/events' : '/v1.0/me/calendarView'));
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.query.pageToken ?? p.query.$skip ?? '0')).toEqual(['0', '10', '20']);
    expect(s.api.requests.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);

    s.api.box.events.splice(0);
    s.api.box.events.push(
      { id: 'a', title: 'Standup', start: `${DAY}T09:00:00.000Z`, end: `${DAY}T09:30:00.000Z`, attendees: [] },
      { id: 'b', title: 'Lunch', start: `${DAY}T12:00:00.000Z`, end: `${DAY}T13:00:00.000Z`, attendees: [] },
      { id: 'c', title: 'Optional', start: `${DAY}T14:00:00.000Z`, end: `${DAY}T15:00:00.000Z`, attendees: [], free: true },
    );
    const slots = await s.callTool('calendar_find_free_slots', { from: `${DAY}T00:00:00Z`, to: `${DAY}T23:00:00Z`, durationMinutes: 60, workStart: '09:00', workEnd: '17:00' });
    expect(slots.ok, slots.error).toBe(true);
    expect(slots.result).toEqual([
      { start: `${DAY}T09:30:00.000Z`, end: `${DAY}T12:00:00.000Z` },
      { start: `${DAY}T13:00:00.000Z`, end: `${DAY}T17:00:00.000Z` },
    ]);
    const bad = await s.callTool('calendar_find_free_slots', { from: `${DAY}T10:00:00Z`, to: `${DAY}T09:00:00Z`, durationMinutes: 30 });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('after') });
  });

  it('follows pages of results', async () => {
    const s = await calendarMailSetup(kind);
    for (let n = 0; n < 30; n += 1) s.api.box.mail.push({ id: `m${n}`, from: 'bob@example.com', to: ['me@example.com'], subject: `Report ${n}`, body: `Body ${n}`, date: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(), unread: n % 2 === 0 });
    const all = await s.callTool('mail_list', { limit: 12 });
    expect(all.ok, all.error).toBe(true);
    expect((all.result as Json[]).map((m) => m.subject)[0]).toBe('Report 29');
    expect(all.result as Json[]).toHaveLength(12);
    expect(s.api.requests.filter((r) => r.path === (kind === 'google' ? '/gmail/v1/users/me/messages' : '/v1.0/me/messages'))).toHaveLength(2);
  });

  it('lists and searches mail with bodies cut, as data', async () => {
    const s = await calendarMailSetup(kind);
    s.api.box.mail.push(
      { id: 'm1', from: 'ann@example.com', to: ['me@example.com'], subject: 'Invoice 42', body: `Please pay. ${'x'.repeat(5000)}`, date: '2026-12-04T10:00:00.000Z', unread: true },
      { id: 'm2', from: 'bob@example.com', to: ['me@example.com'], subject: 'Lunch?', body: 'Tomorrow at noon', date: '2026-12-05T10:00:00.000Z', unread: false },
    );
    const list = await s.callTool('mail_list', { limit: 5 });
    expect(list.ok, list.error).toBe(true);
    const mails = list.result as Json[];
    expect(mails.map((m) => m.subject)).toEqual(['Lunch?', 'Invoice 42']);
    expect(mails[1]).toMatchObject({ from: 'ann@example.com', unread: true });
    expect(String(mails[1]!.body).length).toBeLessThan(2100);
    expect(String(mails[1]!.body)).toContain('more characters');
    const found = await s.callTool('mail_search', { query: 'invoice' });
    expect((found.result as Json[]).map((m) => m.id)).toEqual(['m1']);
  });

  it('holds event creation, drafts and sends for approval, then does exactly that', async () => {
    const s = await calendarMailSetup(kind);
    const event = { title: 'Review', start: `${DAY}T10:00:00Z`, end: `${DAY}T11:00:00Z`, attendees: ['ann@example.com'] };
    const held = await s.callTool('calendar_create_event', event);
    expect(held.pending).toBeDefined();
    expect(s.api.box.events).toEqual([]);
    const made = await s.callTool('calendar_create_event', event, { confirmedBy: 'Me' });
    expect(made.ok, made.error).toBe(true);
    expect(s.api.box.events).toEqual([expect.objectContaining({ title: 'Review', attendees: ['ann@example.com'] })]);
    expect(Date.parse(s.api.box.events[0]!.start)).toBe(Date.parse(`${DAY}T10:00:00Z`));

    const mail = { to: ['ann@example.com'], subject: 'Élan report', body: 'Here it is.' };
    expect((await s.callTool('mail_draft', mail)).pending).toBeDefined();
    expect((await s.callTool('mail_send', mail)).pending).toBeDefined();
    expect(s.api.box.drafts).toEqual([]);
    expect(s.api.box.sent).toEqual([]);
    expect((await s.callTool('mail_draft', mail, { confirmedBy: 'Me' })).ok).toBe(true);
    expect((await s.callTool('mail_send', mail, { confirmedBy: 'Me' })).ok).toBe(true);
    expect(s.api.box.drafts).toHaveLength(1);
    expect(s.api.box.sent).toHaveLength(1);
    expect(s.api.box.sent[0]!.to).toEqual(['ann@example.com']);
    expect(s.api.box.sent[0]!.body).toBe('Here it is.');
    if (kind === 'microsoft') expect(s.api.box.sent[0]!.subject).toBe('Élan report');
    const injected = await s.callTool('mail_send', { ...mail, subject: 'a\r\nBcc: x@evil.example' }, { confirmedBy: 'Me' });
    expect(injected.ok).toBe(false);
  });

  it('waits out a short 429, turns a revoked grant into reconnect, and fails fast offline', async () => {
    const s = await calendarMailSetup(kind);
    s.api.rateLimitNext(1);
    const started = Date.now();
    const ok = await s.callTool('mail_list', {});
    expect(ok.ok, ok.error).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    s.api.rateLimitNext(120);
    const limited = await s.callTool('mail_list', {});
    expect(limited).toMatchObject({ ok: false, error: expect.stringContaining('rate limit') });

    s.as.revokeAll();
    const refused = await s.callTool('mail_list', {});
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('needs to be connected again') });
    const list = await s.t.call<Json[]>('connector.list', { workspaceId: s.workspaceId });
    expect(list.find((v) => v.connector === kind)).toMatchObject({ state: 'reconnect' });
    const before = s.api.requests.length;
    expect((await s.callTool('mail_list', {})).ok).toBe(false);
    expect(s.api.requests.length).toBe(before);

    // Connect again, then the API goes away: a clear "cannot be reached" at once.
    await s.t.call('connector.add', s.addInput(s.workspaceId));
    await s.api.close();
    const t0 = Date.now();
    const offline = await s.callTool('calendar_list_events', { from: `${DAY}T00:00:00Z`, to: `${DAY}T23:00:00Z` });
    expect(offline).toMatchObject({ ok: false, error: expect.stringContaining('cannot be reached') });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('keeps each workspace to its own connection, and remove says what was revoked', async () => {
    const s = await calendarMailSetup(kind);
    const b = await otherWorkspace(s);
    const other = await s.callTool('mail_list', {}, { workspaceId: b.workspaceId, dh: b.dh });
    expect(other.ok).toBe(false);
    expect(other.error).toContain('no tool named');
    expect(s.api.requests.filter((r) => r.path.includes('messages'))).toEqual([]);
    const tested = await s.t.call<Json>('connector.test', { workspaceId: s.workspaceId, connector: kind });
    expect(tested).toMatchObject({ ok: true });
    const clash = await s.t.core.dispatch('connector.add', { ...(s.addInput(s.workspaceId) as Json), connector: kind === 'google' ? 'microsoft' : 'google' });
    expect(clash.ok).toBe(false);

    const out = await s.t.call<Json>('connector.remove', { workspaceId: s.workspaceId, connector: kind });
    expect(out.removed).toBe(true);
    if (kind === 'google') {
      expect(out).toMatchObject({ revoked: true, problem: null });
      expect(s.as.liveRefreshTokens()).toEqual([]);
    } else {
      expect(out).toMatchObject({ revoked: false, problem: expect.stringContaining('no revocation endpoint') });
    }
    expect(await s.t.secrets.get(s.workspaceId, `connector:${kind}:oauth`)).toBeNull();
    expect((await s.callTool('mail_list', {})).ok).toBe(false);
  });
});
