/**
 * The relay's HTTP API as a client sees it: sign-in with a one-time code
 * (dev mode), its limits, workspaces, members, invitations, and a clear 400
 * for every malformed body.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRelaySqlite } from '../../sync-server/storage/openRelaySqlite';
import { startFakeSmtp } from '../fixtures/relayFakeSmtp';
import { startTestRelay, waitUntil, type TestRelay } from '../fixtures/relayHarness';
import { relayApi, signIn } from '../fixtures/relayHttp';

const WS = 'http-ws-00001';

interface ErrorBody {
  error: { code: string; message: string };
}

async function workspaceWithOwner(relay: TestRelay): Promise<{ owner: string; ownerId: string }> {
  const owner = await signIn(relay, 'owner@example.com');
  expect((await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: owner.deviceToken, body: { id: WS } })).status).toBe(201);
  return { owner: owner.deviceToken, ownerId: owner.userId };
}

async function invite(relay: TestRelay, deviceToken: string, email: string, role: string): Promise<{ id: string; token: string }> {
  const answer = await relayApi<{ id: string; token: string }>(relay, 'POST', `/v1/workspaces/${WS}/invitations`, { deviceToken, body: { email, role } });
  expect(answer.status).toBe(201);
  return answer.body;
}

describe('relay HTTP: sign-in', () => {
  it('signs in with the one-time code, once', async () => {
    const relay = await startTestRelay();
    const asked = await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'Alice@Example.com' } });
    expect(asked).toMatchObject({ status: 202, body: { sent: true } });
    const code = relay.lastCode('alice@example.com');
    expect(code).toMatch(/^\d{8}$/);
    const verified = await relayApi<{ deviceToken: string; user: { id: string; email: string } }>(relay, 'POST', '/v1/auth/verify', {
      body: { email: 'alice@example.com', code, deviceName: 'laptop' },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.user.email).toBe('alice@example.com');
    const me = await relayApi<{ user: { email: string }; workspaces: unknown[] }>(relay, 'GET', '/v1/me', { deviceToken: verified.body.deviceToken });
    expect(me.body).toEqual({ user: { id: verified.body.user.id, email: 'alice@example.com' }, workspaces: [] });
    // The code is used up.
    const reused = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/verify', { body: { email: 'alice@example.com', code } });
    expect(reused.status).toBe(401);
    expect((await relayApi(relay, 'GET', '/v1/me')).status).toBe(401);
    expect((await relayApi(relay, 'GET', '/v1/me', { deviceToken: 'x'.repeat(43) })).status).toBe(401);
  });

  it('mails the code and invitations by SMTP when configured', async () => {
    const smtp = await startFakeSmtp();
    try {
      const relay = await startTestRelay({ dev: false, smtpUrl: smtp.url, smtpFrom: 'relay@example.com', publicUrl: 'https://relay.example.com' });
      expect((await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'mia@example.com' } })).status).toBe(202);
      await waitUntil(() => smtp.messages.length === 1, 5000, 'the code mail');
      const mail = smtp.messages[0]!;
      expect(mail.to).toEqual(['mia@example.com']);
      const code = /sign-in code is (\d{8})/.exec(mail.data)?.[1];
      expect(code).toMatch(/^\d{8}$/);
      expect(relay.lastCode('mia@example.com')).toBeNull();
      const verified = await relayApi<{ deviceToken: string }>(relay, 'POST', '/v1/auth/verify', { body: { email: 'mia@example.com', code } });
      expect(verified.status).toBe(200);
      await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: verified.body.deviceToken, body: { id: WS } });
      const created = await relayApi<{ token: string }>(relay, 'POST', `/v1/workspaces/${WS}/invitations`, {
        deviceToken: verified.body.deviceToken,
        body: { email: 'noa@example.com', role: 'member' },
      });
      await waitUntil(() => smtp.messages.length === 2, 5000, 'the invitation mail');
      expect(smtp.messages[1]!.to).toEqual(['noa@example.com']);
      expect(smtp.messages[1]!.data).toContain(created.body.token);
      expect(smtp.messages[1]!.data).toContain('https://relay.example.com');
    } finally {
      await smtp.close();
    }
  });

  it('locks a code after 5 wrong attempts, even against the right code, until a new one is asked', async () => {
    const relay = await startTestRelay();
    await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'bob@example.com' } });
    const code = relay.lastCode('bob@example.com')!;
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 1; i <= 4; i++) {
      const answer = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/verify', { body: { email: 'bob@example.com', code: wrong } });
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toContain(`${5 - i} attempt`);
    }
    const fifth = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/verify', { body: { email: 'bob@example.com', code: wrong } });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('CODE_LOCKED');
    const right = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/verify', { body: { email: 'bob@example.com', code } });
    expect(right.body.error.code).toBe('CODE_LOCKED');
    await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'bob@example.com' } });
    const fresh = relay.lastCode('bob@example.com');
    expect((await relayApi(relay, 'POST', '/v1/auth/verify', { body: { email: 'bob@example.com', code: fresh } })).status).toBe(200);
  });

  it('rate-limits code requests per email and per IP, and checks per IP', async () => {
    const relay = await startTestRelay({ limits: { codesPerEmail: 3, codesPerIp: 6, verifyPerIp: 4 } });
    for (let i = 0; i < 3; i++) expect((await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'carol@example.com' } })).status).toBe(202);
    const limited = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/code', { body: { email: 'carol@example.com' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other emails from the same address work until the per-IP budget runs out (the refused request above counted).
    expect((await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'dave@example.com' } })).status).toBe(202);
    expect((await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'erin@example.com' } })).status).toBe(202);
    const perIp = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/code', { body: { email: 'frank@example.com' } });
    expect(perIp.status).toBe(429);
    expect(perIp.body.error.message).toContain('from this address');

    for (let i = 0; i < 4; i++) expect((await relayApi(relay, 'POST', '/v1/auth/verify', { body: { email: `x${i}@example.com`, code: '12345678' } })).status).toBe(401);
    expect((await relayApi(relay, 'POST', '/v1/auth/verify', { body: { email: 'y@example.com', code: '12345678' } })).status).toBe(429);
  });
});

describe('relay HTTP: workspaces, members, invitations', () => {
  it('registers a workspace once; the owner re-registering gets 200, anyone else 409', async () => {
    const relay = await startTestRelay();
    const { owner } = await workspaceWithOwner(relay);
    expect(await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: owner, body: { id: WS } })).toMatchObject({ status: 200, body: { id: WS, role: 'owner' } });
    const other = await signIn(relay, 'other@example.com');
    expect((await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: other.deviceToken, body: { id: WS } })).status).toBe(409);
    const me = await relayApi<{ workspaces: unknown[] }>(relay, 'GET', '/v1/me', { deviceToken: owner });
    expect(me.body.workspaces).toEqual([{ id: WS, role: 'owner' }]);
    const token = await relayApi<{ token: string; expiresAt: string; role: string }>(relay, 'POST', `/v1/workspaces/${WS}/token`, { deviceToken: owner });
    expect(token.body.role).toBe('owner');
    const ttl = Date.parse(token.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect((await relayApi(relay, 'POST', `/v1/workspaces/${WS}/token`, { deviceToken: other.deviceToken })).status).toBe(403);
  });

  it('invitations: create, list, revoke, accept once, refuse another email and expired ones', async () => {
    const relay = await startTestRelay();
    const { owner } = await workspaceWithOwner(relay);
    const bob = await signIn(relay, 'bob@example.com');
    const eve = await signIn(relay, 'eve@example.com');

    const revoked = await invite(relay, owner, 'bob@example.com', 'member');
    expect((await relayApi(relay, 'DELETE', `/v1/workspaces/${WS}/invitations/${revoked.id}`, { deviceToken: owner })).status).toBe(204);
    expect((await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: bob.deviceToken, body: { token: revoked.token } })).status).toBe(410);

    const good = await invite(relay, owner, 'Bob@example.com', 'admin');
    const mismatch = await relayApi<ErrorBody>(relay, 'POST', '/v1/invitations/accept', { deviceToken: eve.deviceToken, body: { token: good.token } });
    expect(mismatch.status).toBe(403);
    expect(mismatch.body.error.message).toContain('another email');
    expect(await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: bob.deviceToken, body: { token: good.token } })).toMatchObject({
      status: 200,
      body: { workspaceId: WS, role: 'admin' },
    });
    expect((await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: bob.deviceToken, body: { token: good.token } })).status).toBe(410);
    expect((await relayApi(relay, 'DELETE', `/v1/workspaces/${WS}/invitations/${good.id}`, { deviceToken: owner })).status).toBe(409);

    const late = await invite(relay, owner, 'eve@example.com', 'guest');
    const db = openRelaySqlite(path.join(relay.dataDir, 'accounts.db'));
    db.prepare('UPDATE invitations SET expires_at = ? WHERE id = ?').run(Date.now() - 1, late.id);
    db.close();
    const expired = await relayApi<ErrorBody>(relay, 'POST', '/v1/invitations/accept', { deviceToken: eve.deviceToken, body: { token: late.token } });
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toContain('expired');
    expect((await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: eve.deviceToken, body: { token: 'z'.repeat(43) } })).status).toBe(404);

    const list = await relayApi<{ id: string; acceptedAt: string | null; revokedAt: string | null; email: string; role: string }[]>(
      relay,
      'GET',
      `/v1/workspaces/${WS}/invitations`,
      { deviceToken: owner },
    );
    expect(list.body.map((i) => [i.id, i.email, i.role, i.acceptedAt !== null, i.revokedAt !== null])).toEqual([
      [revoked.id, 'bob@example.com', 'member', false, true],
      [good.id, 'bob@example.com', 'admin', true, false],
      [late.id, 'eve@example.com', 'guest', false, false],
    ]);
    // Bob is admin now and may list; Eve is not a member.
    expect((await relayApi(relay, 'GET', `/v1/workspaces/${WS}/invitations`, { deviceToken: bob.deviceToken })).status).toBe(200);
    expect((await relayApi(relay, 'GET', `/v1/workspaces/${WS}/invitations`, { deviceToken: eve.deviceToken })).status).toBe(403);
  });

  it('members: list, change role, remove, with owner rules', async () => {
    const relay = await startTestRelay();
    const { owner, ownerId } = await workspaceWithOwner(relay);
    const admin = await signIn(relay, 'admin@example.com');
    const member = await signIn(relay, 'member@example.com');
    for (const [who, role] of [[admin, 'admin'], [member, 'member']] as const) {
      const inv = await invite(relay, owner, `${role}@example.com`, role);
      expect((await relayApi(relay, 'POST', '/v1/invitations/accept', { deviceToken: who.deviceToken, body: { token: inv.token } })).status).toBe(200);
    }
    const members = await relayApi<{ userId: string; email: string; role: string }[]>(relay, 'GET', `/v1/workspaces/${WS}/members`, { deviceToken: member.deviceToken });
    expect(members.body.map((m) => [m.email, m.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['admin@example.com', 'admin'],
      ['member@example.com', 'member'],
    ]);
    // A member manages nobody; an admin may not touch the owner nor make owners; the last owner stays.
    expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${admin.userId}`, { deviceToken: member.deviceToken, body: { role: 'guest' } })).status).toBe(403);
    expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${ownerId}`, { deviceToken: admin.deviceToken, body: { role: 'member' } })).status).toBe(403);
    expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${member.userId}`, { deviceToken: admin.deviceToken, body: { role: 'owner' } })).status).toBe(403);
    expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${ownerId}`, { deviceToken: owner, body: { role: 'admin' } })).status).toBe(409);
    expect((await relayApi(relay, 'DELETE', `/v1/workspaces/${WS}/members/${ownerId}`, { deviceToken: owner })).status).toBe(409);
    const changed = await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/${member.userId}`, { deviceToken: admin.deviceToken, body: { role: 'guest' } });
    expect(changed).toMatchObject({ status: 200, body: { userId: member.userId, email: 'member@example.com', role: 'guest' } });
    expect((await relayApi(relay, 'PATCH', `/v1/workspaces/${WS}/members/nobody`, { deviceToken: owner, body: { role: 'guest' } })).status).toBe(404);
    expect((await relayApi(relay, 'DELETE', `/v1/workspaces/${WS}/members/${member.userId}`, { deviceToken: admin.deviceToken })).status).toBe(204);
    const after = await relayApi<{ email: string }[]>(relay, 'GET', `/v1/workspaces/${WS}/members`, { deviceToken: owner });
    expect(after.body.map((m) => m.email)).toEqual(['owner@example.com', 'admin@example.com']);
    expect((await relayApi(relay, 'GET', `/v1/workspaces/${WS}/members`, { deviceToken: member.deviceToken })).status).toBe(403);
  });
});

describe('relay HTTP: malformed input', () => {
  it('answers 400 with a clear message for every malformed body, 413 for an oversized one', async () => {
    const relay = await startTestRelay();
    const { owner } = await workspaceWithOwner(relay);
    const bodyRoutes: [string, string, boolean][] = [
      ['POST', '/v1/auth/code', false],
      ['POST', '/v1/auth/verify', false],
      ['POST', '/v1/workspaces', true],
      ['PATCH', `/v1/workspaces/${WS}/members/someone`, true],
      ['POST', `/v1/workspaces/${WS}/invitations`, true],
      ['POST', '/v1/invitations/accept', true],
    ];
    const malformed: unknown[] = ['{not json', '', '[]', 'null', { unexpected: 1 }, { email: 42, id: 7, role: 'king', token: 'x', code: '12' }];
    for (const [method, route, authed] of bodyRoutes) {
      for (const body of malformed) {
        const answer = await relayApi<ErrorBody>(relay, method, route, { deviceToken: authed ? owner : undefined, body });
        expect(answer.status, `${method} ${route} ${JSON.stringify(body)}`).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION');
        expect(answer.body.error.message.length).toBeGreaterThan(10);
      }
      const huge = await relayApi<ErrorBody>(relay, method, route, { deviceToken: authed ? owner : undefined, body: { email: 'a'.repeat(70_000) } });
      expect(huge.status).toBe(413);
    }
    const field = await relayApi<ErrorBody>(relay, 'POST', `/v1/workspaces/${WS}/invitations`, { deviceToken: owner, body: { email: 'x@example.com', role: 'owner' } });
    expect(field.body.error.message).toBe('Invalid body: role: must be one of admin, member, guest');
    const badId = await relayApi<ErrorBody>(relay, 'GET', '/v1/workspaces/no/members', { deviceToken: owner });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('workspace id');
    expect((await relayApi(relay, 'GET', '/v1/nothing-here')).status).toBe(404);
    expect((await relayApi(relay, 'PUT', '/v1/workspaces')).status).toBe(405);
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const relay = await startTestRelay();
    expect(await relayApi(relay, 'GET', '/healthz')).toMatchObject({ status: 200, body: { ok: true } });
    const metrics = await relayApi<string>(relay, 'GET', '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    for (const name of ['relay_connections', 'relay_docs_loaded', 'relay_updates_total', 'relay_bytes_in_total', 'relay_bytes_out_total', 'relay_auth_failures_total', 'relay_rejected_frames_total']) {
      expect(metrics.body).toContain(`# TYPE ${name} `);
    }
  });
});
