import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../common/AppError';
import { fetchConnector, retryAfterMs, type ConnectorPolicy, type ConnectorRequest } from './fetchConnector';

/** One scripted answer per request, in order; every request is recorded with its authorization header. */
type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function serve(answers: Answer[]): Promise<{ url: string; seen: { authorization: string | undefined; at: number }[] }> {
  const seen: { authorization: string | undefined; at: number }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ authorization: req.headers.authorization, at: Date.now() });
    const a = answers.shift() ?? { status: 500 };
    if (a === 'hang') return;
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body ?? '');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`, seen };
}

function policy(extra: Partial<ConnectorPolicy> = {}): ConnectorPolicy & { unauthorized: string[]; slept: number[] } {
  const unauthorized: string[] = [];
  const slept: number[] = [];
  return {
    service: 'Example',
    errorMessage: async (res) => ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`,
    unauthorizedReason: (m) => `it answered "${m}"`,
    onUnauthorized: async (reason) => void unauthorized.push(reason),
    rateLimited: (s, at) => `Example's rate limit is reached: nothing was done. Try again in ${s} s (after ${at} UTC).`,
    sleep: async (ms) => void slept.push(ms),
    unauthorized,
    slept,
    ...extra,
  };
}

let tokens = 0;
function request(url: string): ConnectorRequest {
  return {
    method: 'GET',
    url,
    headers: async () => ({ authorization: `Bearer t${++tokens}` }),
    refused: (res, message) => new AppError('PROVIDER_REFUSED', `Example answered ${res.status}: ${message}`),
  };
}

describe('fetchConnector', () => {
  it('hands back a success as it came, and any other refusal as the client words it', async () => {
    const s = await serve([{ status: 200, body: '{"ok":true}' }, { status: 418, body: '{"message":"teapot"}' }]);
    expect(await (await fetchConnector(policy(), request(s.url))).json()).toEqual({ ok: true });
    await expect(fetchConnector(policy(), request(s.url))).rejects.toMatchObject({ code: 'PROVIDER_REFUSED', message: 'Example answered 418: teapot' });
  });

  it('gives up after the timeout and says the service did not answer in time', async () => {
    const s = await serve(['hang', 'hang']);
    const started = Date.now();
    await expect(fetchConnector(policy({ timeoutMs: 200 }), request(s.url))).rejects.toMatchObject({
      code: 'PROVIDER_UNREACHABLE',
      message: expect.stringContaining('Example (127.0.0.1:') as unknown,
    });
    await expect(fetchConnector(policy({ timeoutMs: 200 }), request(s.url))).rejects.toThrow(/no answer in time/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says the service cannot be reached when nothing listens, at once and without retrying', async () => {
    const s = await serve([]);
    const port = new URL(s.url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const p = policy();
    await expect(fetchConnector(p, request(s.url))).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE', message: expect.stringMatching(new RegExp(`127\\.0\\.0\\.1:${port}\\) cannot be reached: ECONNREFUSED.*offline`)) as unknown });
    expect(p.slept).toEqual([]);
  });

  it('records the reconnect state before saying a 401 needs connecting again', async () => {
    const s = await serve([{ status: 401, body: '{"message":"Bad credentials"}' }]);
    const p = policy();
    await expect(fetchConnector(p, request(s.url))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('Example needs to be connected again (it answered "Bad credentials")') as unknown });
    expect(p.unauthorized).toEqual(['it answered "Bad credentials"']);
    expect(s.seen).toHaveLength(1);
  });

  it('waits out a short Retry-After in seconds once, asking the credentials again for the second try', async () => {
    const s = await serve([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200, body: '[]' }]);
    const p = policy();
    expect((await fetchConnector(p, request(s.url))).status).toBe(200);
    expect(p.slept).toEqual([2_000]);
    expect(s.seen.map((r) => r.authorization)).toHaveLength(2);
    expect(s.seen[0]!.authorization).not.toBe(s.seen[1]!.authorization);
  });

  it('reads a Retry-After given as an HTTP date, and really waits it out with the default sleep', async () => {
    const at = new Date(Math.ceil((Date.now() + 1_500) / 1000) * 1000);
    const s = await serve([{ status: 429, headers: { 'retry-after': at.toUTCString() } }, { status: 204 }]);
    const p = policy({ sleep: undefined });
    expect((await fetchConnector(p, request(s.url))).status).toBe(204);
    // The second request came no earlier than the date asked (HTTP dates have whole seconds).
    expect(s.seen[1]!.at).toBeGreaterThanOrEqual(at.getTime() - 50);
  });

  it('refuses at once, saying when to try again, when the wait asked for is longer than it waits', async () => {
    const now = Date.parse('2026-12-06T02:00:00Z');
    const s = await serve([{ status: 429, headers: { 'retry-after': '120' } }]);
    const p = policy({ now: () => now });
    await expect(fetchConnector(p, request(s.url))).rejects.toMatchObject({ code: 'PROVIDER_REFUSED', message: "Example's rate limit is reached: nothing was done. Try again in 120 s (after 02:02 UTC)." });
    expect(p.slept).toEqual([]);
    expect(s.seen).toHaveLength(1);
  });

  it('does not wait twice: a second limit after the one wait is an error', async () => {
    const s = await serve([{ status: 429, headers: { 'retry-after': '1' } }, { status: 429, headers: { 'retry-after': '1' } }]);
    const p = policy();
    await expect(fetchConnector(p, request(s.url))).rejects.toThrow(/Try again in 1 s/);
    expect(p.slept).toEqual([1_000]);
    expect(s.seen).toHaveLength(2);
  });

  it('lets a client say what else is a rate limit, and a 429 without Retry-After waits a minute', async () => {
    const s = await serve([{ status: 403, headers: { 'x-remaining': '0' } }, { status: 200, body: '{}' }, { status: 429 }]);
    const p = policy({ rateLimitWait: (res) => (res.headers.get('x-remaining') === '0' ? 3_000 : null) });
    expect((await fetchConnector(p, request(s.url))).status).toBe(200);
    expect(p.slept).toEqual([3_000]);
    await expect(fetchConnector(policy(), request(s.url))).rejects.toThrow(/Try again in 60 s/);
  });
});

describe('retryAfterMs', () => {
  it('reads delay seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-06T02:00:00Z');
    expect(retryAfterMs(' 30 ', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 02:00:45 GMT', now)).toBe(45_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 01:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('1e3', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
