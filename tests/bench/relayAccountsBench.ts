/**
 * What device tokens cost and how fast a revocation bites, against a real
 * relay on 127.0.0.1 (`npm run bench -- relay-accounts`):
 *
 * - `relay_ws_admit_ms_p99_device` / `_admin`: from opening a WebSocket to
 *   its first frame from the relay, 500 sockets one after the other, with a
 *   token tied to a device (the relay checks the device in the accounts
 *   database and pushes its expiry) and with an admin token (no device);
 * - `relay_revoke_close_ms_100_sockets`: from `DELETE /v1/devices/<id>` to
 *   the last of the device's 100 open sockets closed with 4410.
 */
import WebSocket from 'ws';
import { BEARER_PROTOCOL_PREFIX, QWANYX_PROTOCOL, RelayCloseCode, relayDocPath } from '../../src-main/common/relayWire';
import { startRelay } from '../../sync-server/startRelay';
import { percentile, roundMs } from './percentile';

const WS = 'bench-accounts-ws';
const ADMITS = 500;
const SOCKETS = 100;

export interface RelayAccountsBench {
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

function open(wsUrl: string, token: string): { ws: WebSocket; first: Promise<void>; closed: Promise<number> } {
  const ws = new WebSocket(`${wsUrl}${relayDocPath(WS, 'meta')}`, [QWANYX_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`]);
  const first = new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, first, closed };
}

async function admitTimes(wsUrl: string, token: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < ADMITS; i++) {
    const started = performance.now();
    const socket = open(wsUrl, token);
    await socket.first;
    samples.push(performance.now() - started);
    socket.ws.close();
    await socket.closed;
  }
  return samples;
}

export async function benchRelayAccounts(dataDir: string): Promise<RelayAccountsBench> {
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir, dev: true, secret: 'qwanyx-relay-accounts-bench-secret-0123456789', logLevel: 'warn' });
  try {
    const wsUrl = relay.url.replace(/^http/, 'ws');
    await api(relay.url, 'POST', '/v1/auth/code', { email: 'bench@example.com' });
    const verified = await api<{ deviceToken: string }>(relay.url, 'POST', '/v1/auth/verify', { email: 'bench@example.com', code: relay.lastCode('bench@example.com') });
    await api(relay.url, 'POST', '/v1/workspaces', { id: WS }, verified.deviceToken);
    const deviceToken = (await api<{ token: string }>(relay.url, 'POST', `/v1/workspaces/${WS}/token`, undefined, verified.deviceToken)).token;
    const adminToken = relay.mintToken({ workspaceId: WS, email: 'bench@example.com', role: 'owner' });
    // Warm-up, then alternate so both see the same machine.
    await admitTimes(wsUrl, adminToken);
    const device = await admitTimes(wsUrl, deviceToken);
    const admin = await admitTimes(wsUrl, adminToken);

    const sockets = Array.from({ length: SOCKETS }, () => open(wsUrl, deviceToken));
    await Promise.all(sockets.map((s) => s.first));
    const { devices } = await api<{ devices: { id: string; current: boolean }[] }>(relay.url, 'GET', '/v1/devices', undefined, verified.deviceToken);
    const started = performance.now();
    await api(relay.url, 'DELETE', `/v1/devices/${devices.find((d) => d.current)!.id}`, undefined, verified.deviceToken);
    const codes = await Promise.all(sockets.map((s) => s.closed));
    const revokeMs = performance.now() - started;
    if (codes.some((code) => code !== RelayCloseCode.DeviceRevoked)) throw new Error(`sockets closed with ${[...new Set(codes)].join(', ')}, not 4410`);
    return {
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
