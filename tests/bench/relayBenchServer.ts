/**
 * Child process of the relay benchmark: serves either our relay (`ours`, or
 * `ours-nopolicy` with the write policies off, to measure what they cost) or
 * the reference server `@y/websocket-server` (`ref`, its `setupWSConnection`
 * over `ws`, no persistence) on a free port of 127.0.0.1, and answers the
 * parent over IPC: `{ type: 'mem' }` → memory after a forced GC,
 * `{ type: 'cpu' }` → process.cpuUsage(). Run with --expose-gc.
 *
 * Usage: `node --expose-gc --import tsx tests/bench/relayBenchServer.ts <ours|ours-nopolicy|ref> <dataDir>`
 * (ours is a cluster node when RELAY_DATABASE_URL and RELAY_REDIS_URL are set)
 * Ready message: `{ type: 'ready', port, token }` (token: an owner token of
 * the bench workspace for ours; a look-alike the reference ignores).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { signRelayToken } from '../../sync-server/auth/signRelayToken';
import { readClusterConfigInput } from '../../sync-server/cluster/clusterConfig';
import { startRelay } from '../../sync-server/startRelay';
import { BENCH_WORKSPACE, type BenchMemory } from './relayBenchClients';

async function serveOurs(dataDir: string, enforcePolicies: boolean): Promise<{ port: number; token: string }> {
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    secret: 'qwanyx-relay-bench-secret-0123456789abcdef',
    logLevel: 'warn',
    // No SMTP: the benchmark signs no one in by email.
    dev: true,
    // The benchmark opens thousands of sockets at once, as one user.
    limits: { maxPendingAuth: 100_000, maxSocketsPerUser: 100_000 },
    enforcePolicies,
  }, readClusterConfigInput(process.env));
  return { port: relay.port, token: await relay.mintToken({ workspaceId: BENCH_WORKSPACE, email: 'bench@example.com', role: 'owner' }) };
}

async function serveReference(): Promise<{ port: number; token: string }> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The reference ignores tokens; its clients offer one of the same size as ours so both servers echo the same subprotocol.
  const now = Math.floor(Date.now() / 1000);
  const token = signRelayToken({ v: 1, sub: 'AAAAAAAAAAAAAAAAAAAAAA', email: 'bench@example.com', ws: BENCH_WORKSPACE, role: 'owner', iat: now, exp: now + 900 }, 'reference-ignores-this');
  return { port: (server.address() as AddressInfo).port, token };
}

async function main(): Promise<void> {
  const [kind, dataDir] = process.argv.slice(2);
  if (!process.send || !dataDir || (kind !== 'ours' && kind !== 'ours-nopolicy' && kind !== 'ref')) throw new Error('usage: relayBenchServer.ts <ours|ours-nopolicy|ref> <dataDir> (with an IPC channel)');
  const gc = (globalThis as { gc?: () => void }).gc;
  const { port, token } = kind === 'ref' ? await serveReference() : await serveOurs(dataDir, kind === 'ours');
  process.on('message', (message: { type: string; id: number }) => {
    if (message.type === 'mem') {
      gc?.();
      gc?.();
      const { rss, heapUsed, external } = process.memoryUsage();
      process.send?.({ type: 'mem', id: message.id, value: { rss, heapUsed, external } satisfies BenchMemory });
    } else if (message.type === 'cpu') {
      process.send?.({ type: 'cpu', id: message.id, value: process.cpuUsage() });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port, token });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
