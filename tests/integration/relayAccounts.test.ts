/**
 * Attacks on the relay's accounts, each against a real relay: a revoked or
 * expired device token (its HTTP calls refused, its open sockets closed at
 * once with 4410, its WebSocket tokens refused), a sign-in code brute force
 * that rotates X-Forwarded-For, and /metrics read without its token.
 */
import { describe, expect, it } from 'vitest';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { startFakeSmtp } from '../fixtures/relayFakeSmtp';
import { connectRaw, startTestRelay, type TestRelay } from '../fixtures/relayHarness';
import { relayApi, signIn } from '../fixtures/relayHttp';

const WS = 'accounts-ws-aaaa';

interface ErrorBody {
  error: { code: string; message: string };
}

interface DeviceList {
  devices: { id: string; name: string; current: boolean; expiresAt: string; lastSeenAt: string }[];
}

/** A WebSocket token of `deviceToken` for the workspace. */
async function wsToken(relay: TestRelay, deviceToken: string): Promise<string> {
  const answer = await relayApi<{ token: string }>(relay, 'POST', `/v1/workspaces/${WS}/token`, { deviceToken });
  expect(answer.status).toBe(200);
  return answer.body.token;
}

describe('relay accounts: device tokens', () => {
  it('lists devices; a revoked device loses its HTTP calls, its open sockets (4410) and its WebSocket tokens at once', async () => {
    const relay = await startTestRelay();
    const laptop = await signIn(relay, 'ada@example.com');
    const phone = await signIn(relay, 'ada@example.com');
    expect(phone.userId).toBe(laptop.userId);
    expect((await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: laptop.deviceToken, body: { id: WS } })).status).toBe(201);

    const listed = await relayApi<DeviceList>(relay, 'GET', '/v1/devices', { deviceToken: laptop.deviceToken });
    expect(listed.status).toBe(200);
    expect(listed.body.devices).toHaveLength(2);
    const [laptopDevice, phoneDevice] = listed.body.devices;
    expect(laptopDevice!.current).toBe(true);
    expect(phoneDevice!.current).toBe(false);
    expect(Date.parse(phoneDevice!.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const phoneToken = await wsToken(relay, phone.deviceToken);
    const phoneSockets = [connectRaw(relay, WS, 'meta', phoneToken), connectRaw(relay, WS, 'room/r-1', phoneToken)];
    const laptopSocket = connectRaw(relay, WS, 'meta', await wsToken(relay, laptop.deviceToken));
    await Promise.all([...phoneSockets, laptopSocket].map((s) => s.opened));

    // Another user cannot revoke Ada's phone.
    const eve = await signIn(relay, 'eve@example.com');
    expect((await relayApi(relay, 'DELETE', `/v1/devices/${phoneDevice!.id}`, { deviceToken: eve.deviceToken })).status).toBe(404);
    expect(phoneSockets.every((s) => s.closed === null)).toBe(true);

    expect((await relayApi(relay, 'DELETE', `/v1/devices/${phoneDevice!.id}`, { deviceToken: laptop.deviceToken })).status).toBe(204);
    for (const socket of phoneSockets) expect((await socket.waitClosed(2000)).code).toBe(RelayCloseCode.DeviceRevoked);
    expect(laptopSocket.closed).toBeNull();
    const refused = await relayApi<ErrorBody>(relay, 'GET', '/v1/me', { deviceToken: phone.deviceToken });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('revoked or expired');
    // The WebSocket token it got before the revocation is still signed and fresh, and refused all the same.
    expect((await connectRaw(relay, WS, 'meta', phoneToken).waitClosed(2000)).code).toBe(RelayCloseCode.DeviceRevoked);
    expect((await relayApi<DeviceList>(relay, 'GET', '/v1/devices', { deviceToken: laptop.deviceToken })).body.devices.map((d) => d.id)).toEqual([laptopDevice!.id]);

    // Signing out revokes the calling device itself.
    expect((await relayApi(relay, 'POST', '/v1/auth/sign-out', { deviceToken: laptop.deviceToken })).status).toBe(204);
    expect((await laptopSocket.waitClosed(2000)).code).toBe(RelayCloseCode.DeviceRevoked);
    expect((await relayApi(relay, 'GET', '/v1/me', { deviceToken: laptop.deviceToken })).status).toBe(401);
  });

  it('expires a device token left unused (its sockets close with 4410) while a device in use keeps sliding', async () => {
    const relay = await startTestRelay({ deviceTtlSeconds: 3 });
    const idle = await signIn(relay, 'bo@example.com');
    const busy = await signIn(relay, 'bo@example.com');
    expect((await relayApi(relay, 'POST', '/v1/workspaces', { deviceToken: idle.deviceToken, body: { id: WS } })).status).toBe(201);
    const idleSocket = connectRaw(relay, WS, 'meta', await wsToken(relay, idle.deviceToken));
    await idleSocket.opened;
    const started = Date.now();
    while (Date.now() - started < 5500) {
      expect((await relayApi(relay, 'GET', '/v1/me', { deviceToken: busy.deviceToken })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const closed = await idleSocket.waitClosed(1000);
    expect(closed).toEqual({ code: RelayCloseCode.DeviceRevoked, reason: 'device token expired; sign in again' });
    expect((await relayApi(relay, 'GET', '/v1/me', { deviceToken: idle.deviceToken })).status).toBe(401);
    expect((await relayApi(relay, 'GET', '/v1/me', { deviceToken: busy.deviceToken })).status).toBe(200);
  });
});

describe('relay accounts: sign-in codes', () => {
  it('caps wrong codes per email per day, whatever X-Forwarded-For says, even against the right code', async () => {
    // Behind one proxy of ours; the attacker writes whatever it likes on the left of X-Forwarded-For.
    const relay = await startTestRelay({ trustedProxies: 1, limits: { codesPerEmail: 1000, codesPerIp: 1000, verifyPerIp: 1000, failedChecksPerEmail: 10, failedChecksPerIp: 1000 } });
    let wrongs = 0;
    let refusedAt = -1;
    for (let round = 0; round < 5 && refusedAt < 0; round++) {
      await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'victim@example.com' }, headers: { 'x-forwarded-for': `10.0.${round}.1` } });
      const code = relay.lastCode('victim@example.com')!;
      expect(code).toMatch(/^\d{8}$/);
      for (let i = 0; i < 4; i++) {
        const guess = String((Number(code) + 1 + i) % 1e8).padStart(8, '0');
        const answer = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/verify', {
          body: { email: 'victim@example.com', code: guess },
          headers: { 'x-forwarded-for': `192.0.2.${wrongs}, 10.1.${wrongs}.7` },
        });
        if (answer.status === 429) {
          refusedAt = wrongs;
          expect(answer.body.error.message).toContain('Too many wrong codes for this email today');
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
          break;
        }
        expect(answer.status).toBe(401);
        wrongs += 1;
      }
    }
    expect(refusedAt).toBe(10);
    // The owner of the email, from yet another address, with the right code of a new mail: refused until tomorrow.
    await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'victim@example.com' }, headers: { 'x-forwarded-for': '203.0.113.9' } });
    const right = await relayApi<ErrorBody>(relay, 'POST', '/v1/auth/verify', {
      body: { email: 'victim@example.com', code: relay.lastCode('victim@example.com') },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(right.status).toBe(429);
    // Another email is not affected.
    await expect(signIn(relay, 'other@example.com')).resolves.toMatchObject({ deviceToken: expect.any(String) as string });
  });

  it('counts wrong codes per client IP from the right-most untrusted hop, and ignores the header without trusted proxies', async () => {
    const limits = { codesPerEmail: 1000, codesPerIp: 1000, verifyPerIp: 1000, failedChecksPerEmail: 1000, failedChecksPerIp: 6 };
    for (const trustedProxies of [0, 1]) {
      const relay = await startTestRelay({ trustedProxies, limits });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const email = `target${i}@example.com`;
        await relayApi(relay, 'POST', '/v1/auth/code', { body: { email } });
        const code = relay.lastCode(email)!;
        const guess = String((Number(code) + 1) % 1e8).padStart(8, '0');
        // Rotating left-most hops; with one trusted proxy the client is the right-most hop, which stays the same.
        const header = trustedProxies === 0 ? `198.51.100.${i}` : `198.51.100.${i}, 192.0.2.44`;
        const answer = await relayApi(relay, 'POST', '/v1/auth/verify', { body: { email, code: guess }, headers: { 'x-forwarded-for': header } });
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
      // With one trusted proxy, another client behind it is another IP.
      if (trustedProxies === 1) {
        await relayApi(relay, 'POST', '/v1/auth/code', { body: { email: 'fresh@example.com' } });
        const fresh = await relayApi(relay, 'POST', '/v1/auth/verify', { body: { email: 'fresh@example.com', code: relay.lastCode('fresh@example.com') }, headers: { 'x-forwarded-for': '192.0.2.45' } });
        expect(fresh.status).toBe(200);
      }
    }
  });
});

describe('relay accounts: /metrics', () => {
  it('refuses /metrics without its bearer token outside dev mode, and wants the token whenever one is set', async () => {
    const smtp = await startFakeSmtp();
    try {
      const closed = await startTestRelay({ dev: false, smtpUrl: smtp.url, smtpFrom: 'relay@example.com' });
      const refused = await relayApi<ErrorBody>(closed, 'GET', '/metrics');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('RELAY_METRICS_TOKEN');
      expect(String(refused.body)).not.toContain('relay_connections');

      const token = 'metrics-token-0123456789';
      const guarded = await startTestRelay({ dev: false, smtpUrl: smtp.url, smtpFrom: 'relay@example.com', metricsToken: token });
      expect((await relayApi(guarded, 'GET', '/metrics')).status).toBe(401);
      expect((await relayApi(guarded, 'GET', '/metrics', { headers: { authorization: 'Bearer metrics-token-0123456780' } })).status).toBe(401);
      const read = await relayApi<string>(guarded, 'GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      expect(read.body).toContain('relay_auth_failures_total');
    } finally {
      await smtp.close();
    }
    const dev = await startTestRelay({ metricsToken: 'dev-metrics-token-0123456789' });
    expect((await relayApi(dev, 'GET', '/metrics')).status).toBe(401);
  });
});
