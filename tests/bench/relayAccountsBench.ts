/**
 * What sign-in and device tokens cost and how fast a revocation bites,
 * against a real relay on 127.0.0.1 (`npm run bench -- relay-accounts`),
 * once with the accounts in SQLite (one node, the default) and, when
 * PostgreSQL and Redis answer (tests/fixtures/clusterServices.ts), once with
 * them in PostgreSQL (figures suffixed `_pg`):
 *
 * - `relay_sign_in_ms_p50` / `_p99`: asking a code and checking it (two
 *   HTTP calls: the code stored, the attempt taken, the user and device
 *   created), 50 sign-ins of new emails one after the other;
 * - `relay_device_token_check_ms_p50` / `_p99`: an HTTP call authenticated
 *   by a device token (`GET /v1/me`: the token looked up, the workspaces
 *   listed), 500 calls one after the other;
 * - `relay_ws_admit_ms_p99_device` / `_admin`: from opening a WebSocket to
 *   its first frame from the relay, 500 sockets one after the other, with a
 *   token tied to a device (the relay checks the device in the accounts
 *   database and pushes its expiry) and with an admin token (no device);
 * - `relay_revoke_close_ms_100_sockets`: from `DELETE /v1/devices/<id>` to
 *   the last of the device's 100 open sockets closed with 4410.
 */
import WebSocket from 'ws';
import { BEARER_PROTOCOL_PREFIX, QWANYX_PROTOCOL, RelayCloseCode, relayDocPath } from '../../src-main/common/relayWire';
import { randomUUID } from 'node:crypto';
import type { ClusterConfigInput } from '../../sync-server/cluster/clusterConfig';
import { startRelay } from '../../sync-server/startRelay';
import { percentile, roundMs } from './percentile';

const ADMITS = 500;
const SOCKETS = 100;
const SIGN_INS = 50;
const TOKEN_CHECKS = 500;

export interface RelayAccountsBench {
  relay_sign_in_ms_p50: number;
  relay_sign_in_ms_p99: number;
  relay_device_token_check_ms_p50: number;
  relay_device_token_check_ms_p99: number;
  relay_ws_admit_ms_p99_device: number;
  relay_ws_admit_ms_p99_admin: number;
  relay_ws_admit_ms_p50_device: number;
  relay_ws_admit_ms_p50_admin: number;
  relay_revoke_close_ms_100_sockets: number;
}

async function api<T>(url: string, method: string, path: string, body?: unknown, deviceToken?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (deviceToken) headers.authorization = `Bearer ${deviceToken}`;
  const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text === '' ? null : JSON.parse(text)) as T;
}

function open(wsUrl: string, workspaceId: string, token: string): { ws: WebSocket; first: Promise<void>; closed: Promise<number> } {
  const ws = new WebSocket(`${wsUrl}${relayDocPath(workspaceId, 'meta')}`, [QWANYX_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`]);
  const first = new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, first, closed };
}

async function admitTimes(wsUrl: string, workspaceId: string, token: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < ADMITS; i++) {
    const started = performance.now();
    const socket = open(wsUrl, workspaceId, token);
    await socket.first;
    samples.push(performance.now() - started);
    socket.ws.close();
    await socket.closed;
  }
  return samples;
}

/** Signs in a new email (code asked, then checked); returns the device token. */
async function signIn(relay: { url: string; lastCode(email: string): string | null }, email: string): Promise<string> {
  await api(relay.url, 'POST', '/v1/auth/code', { email });
  return (await api<{ deviceToken: string }>(relay.url, 'POST', '/v1/auth/verify', { email, code: relay.lastCode(email) })).deviceToken;
}

/**
 * The figures on one relay in `dataDir`, its accounts in SQLite, or in PostgreSQL (with Redis for the
 * rate limits) when `cluster` names them. Emails and the workspace are new each run (PostgreSQL keeps
 * what earlier runs created).
 */
export async function benchRelayAccounts(dataDir: string, cluster: ClusterConfigInput = {}): Promise<RelayAccountsBench> {
  // The rate limits are not what is measured: every sign-in comes from 127.0.0.1.
  const limits = { codesPerIp: 1_000_000, verifyPerIp: 1_000_000, codesPerEmail: 1_000_000 };
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir, dev: true, secret: 'qwanyx-relay-accounts-bench-secret-0123456789', logLevel: 'warn', limits }, cluster);
  const run = randomUUID().slice(0, 8);
  const ws = `bench-accounts-${run}`;
  const email = `bench-${run}@example.com`;
  try {
    const wsUrl = relay.url.replace(/^http/, 'ws');
    const signIns: number[] = [];
    for (let i = 0; i < SIGN_INS; i++) {
      const started = performance.now();
      await signIn(relay, `sign-in-${run}-${i}@example.com`);
      signIns.push(performance.now() - started);
    }
    const verified = { deviceToken: await signIn(relay, email) };
    await api(relay.url, 'POST', '/v1/workspaces', { id: ws }, verified.deviceToken);
    const checks: number[] = [];
    for (let i = 0; i < TOKEN_CHECKS; i++) {
      const started = performance.now();
      await api(relay.url, 'GET', '/v1/me', undefined, verified.deviceToken);
      checks.push(performance.now() - started);
    }
    const deviceToken = (await api<{ token: string }>(relay.url, 'POST', `/v1/workspaces/${ws}/token`, undefined, verified.deviceToken)).token;
    const adminToken = await relay.mintToken({ workspaceId: ws, email, role: 'owner' });
    // Warm-up, then alternate so both see the same machine.
    await admitTimes(wsUrl, ws, adminToken);
    const device = await admitTimes(wsUrl, ws, deviceToken);
    const admin = await admitTimes(wsUrl, ws, adminToken);

    const sockets = Array.from({ length: SOCKETS }, () => open(wsUrl, ws, deviceToken));
    await Promise.all(sockets.map((s) => s.first));
    const { devices } = await api<{ devices: { id: string; current: boolean }[] }>(relay.url, 'GET', '/v1/devices', undefined, verified.deviceToken);
    const started = performance.now();
    await api(relay.url, 'DELETE', `/v1/devices/${devices.find((d) => d.current)!.id}`, undefined, verified.deviceToken);
    const codes = await Promise.all(sockets.map((s) => s.closed));
    const revokeMs = performance.now() - started;
    if (codes.some((code) => code !== RelayCloseCode.DeviceRevoked)) throw new Error(`sockets closed with ${[...new Set(codes)].join(', ')}, not 4410`);
    return {
      relay_sign_in_ms_p50: roundMs(percentile(signIns, 50)),
      relay_sign_in_ms_p99: roundMs(percentile(signIns, 99)),
      relay_device_token_check_ms_p50: roundMs(percentile(checks, 50)),
      relay_device_token_check_ms_p99: roundMs(percentile(checks, 99)),
      relay_ws_admit_ms_p99_device: roundMs(percentile(device, 99)),
      relay_ws_admit_ms_p99_admin: roundMs(percentile(admin, 99)),
      relay_ws_admit_ms_p50_device: roundMs(percentile(device, 50)),
      relay_ws_admit_ms_p50_admin: roundMs(percentile(admin, 50)),
      relay_revoke_close_ms_100_sockets: roundMs(revokeMs),
    };
  } finally {
    await relay.close();
  }
}
