/**
 * A cluster node whose Redis goes away (a redis-server of the test's own,
 * killed with SIGKILL): its readiness turns 503 naming Redis, its clients are
 * closed to resync rather than drift apart, and once Redis is back the node
 * is ready again and its clients sync. A node that cannot reach Redis at
 * start stops with a one-line reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { clusterServices, type ClusterServices } from '../fixtures/clusterServices';
import { startClusterNode } from '../fixtures/relayCluster';
import { openProvider, waitUntil, whenSynced } from '../fixtures/relayHarness';
import { makeTempDir } from '../fixtures/tempDir';

const services = await clusterServices();
const skip = typeof services === 'string';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of this test's own on `port` (fails when the binary is missing). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => child.once('error', (err) => reject(new Error(`redis-server cannot start (${err.message}); install redis-server`))));
  const up = (async () => {
    for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
      const ok = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (ok) return child;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('redis-server did not listen');
  })();
  return Promise.race([up, failed]);
}

async function readyz(url: string): Promise<{ status: number; body: { ready: boolean; problem?: string } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { ready: boolean; problem?: string } };
}

describe.skipIf(skip)(`a cluster node losing Redis${skip ? ` (skipped: ${services})` : ''}`, () => {
  it('turns unready and closes its clients, then recovers when Redis is back', { timeout: 60_000 }, async () => {
    const cluster = services as ClusterServices;
    const port = await freePort();
    let redis = await startRedis(port);
    const own = { ...cluster, redisUrl: `redis://127.0.0.1:${port}` };
    const node = await startClusterNode(own, makeTempDir('qwanyx-redis-loss-'));
    const ws = `rl-${randomUUID().slice(0, 12)}`;
    try {
      const token = await node.mintToken({ workspaceId: ws, email: 'ada@example.com', role: 'member' });
      const a = openProvider(node, ws, 'room/general', token);
      await whenSynced(a);
      expect((await readyz(node.url)).status).toBe(200);

      redis.kill('SIGKILL');
      await waitUntil(() => !a.wsconnected, 10_000, 'the client to be closed');
      let answer = await readyz(node.url);
      for (const deadline = Date.now() + 10_000; answer.status !== 503 && Date.now() < deadline; ) answer = await readyz(node.url);
      expect(answer.status).toBe(503);
      expect(answer.body.problem).toMatch(/^Redis: /);

      redis = await startRedis(port);
      for (const deadline = Date.now() + 15_000; (await readyz(node.url)).status !== 200; ) {
        if (Date.now() > deadline) throw new Error('the node did not become ready again');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await waitUntil(() => a.wsconnected && a.synced, 20_000, 'the client to reconnect');
      const b = openProvider(node, ws, 'room/general', token);
      await whenSynced(b);
      a.doc.getText('t').insert(0, 'after the outage');
      await waitUntil(() => b.doc.getText('t').toString() === 'after the outage', 5000, 'sync after the outage');
    } finally {
      await node.close();
      redis.kill('SIGKILL');
    }
  });

  it('stops a node that cannot reach Redis at start with a one-line reason', async () => {
    const cluster = services as ClusterServices;
    const dead = { ...cluster, redisUrl: `redis://127.0.0.1:${await freePort()}` };
    await expect(startClusterNode(dead, makeTempDir('qwanyx-redis-dead-'))).rejects.toThrow(/^RELAY_REDIS_URL: Redis cannot be used \(.+\); check that it runs/);
  });
});
