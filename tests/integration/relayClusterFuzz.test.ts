/**
 * Two-node convergence fuzz on the real PostgreSQL and Redis: per seed,
 * three clients write markers to one doc while they move between nodes and
 * nodes crash (`abort`: nothing flushed, queued writes dropped) and come
 * back (some right after forwarding a write, before committing it). Then: every marker a node acknowledged is on the log (a fresh client
 * of a restarted cluster gets it, with every writer gone), and once the
 * writers return, all three converge with every marker exactly once.
 */
import { describe, expect, it } from 'vitest';
import { AckClient } from '../fixtures/ackClient';
import { clusterServices, type ClusterServices } from '../fixtures/clusterServices';
import { waitUntil } from '../fixtures/relayHarness';
import { startClusterNode, type ClusterNode } from '../fixtures/relayCluster';
import { makeTempDir } from '../fixtures/tempDir';
import * as Y from 'yjs';
import { PgDocPersistence } from '../../sync-server/storage/PgDocPersistence';
import { seededRandom } from '../bench/seededRandom';

const services = await clusterServices();
const skip = typeof services === 'string';
const SEEDS = 100;
const STEPS = 14;
const DOC = 'room/fuzz';

type Slot = ClusterNode | null;

async function runSeed(seed: number, cluster: ClusterServices, dataDir: string, nodes: Slot[], store: PgDocPersistence): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const workspaceId = `fuzz-${Date.now().toString(36)}-${seed}`;
  const live = (): ClusterNode[] => nodes.filter((n): n is ClusterNode => n !== null);
  const token = await live()[0]!.mintToken({ workspaceId, email: 'fuzz@example.com', role: 'member' });
  const clients = [new AckClient(), new AckClient(), new AckClient()];
  const written: string[] = [];
  let marker = 0;
  const connect = (client: AckClient): void => {
    const target = pick(live());
    client.connect(target.wsUrl, workspaceId, DOC, token);
  };
  try {
    for (const client of clients) connect(client);
    for (let step = 0; step < STEPS; step++) {
      const roll = random();
      if (roll < 0.5) {
        const client = pick(clients);
        for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
          const m = `s${seed}-m${marker++}`;
          written.push(m);
          client.write(m);
        }
      } else if (roll < 0.58) {
        connect(pick(clients));
      } else if (roll < 0.68 && live().length === 2) {
        // Crash a node right after it forwarded a write to the other node, likely before its commit.
        const writer = pick(clients);
        const m = `s${seed}-m${marker++}`;
        written.push(m);
        writer.write(m);
        const others = clients.filter((c) => c !== writer && c.synced);
        const deadline = Date.now() + 20;
        while (Date.now() < deadline && !others.some((c) => c.list().includes(m))) await new Promise((resolve) => setImmediate(resolve));
        const index = Math.floor(random() * 2);
        const victim = nodes[index]!;
        nodes[index] = null;
        await victim.abort();
      } else if (roll < 0.78 && live().length === 2) {
        const index = Math.floor(random() * 2);
        const victim = nodes[index]!;
        nodes[index] = null;
        await victim.abort();
      } else if (roll < 0.9 && live().length < 2) {
        const index = nodes.indexOf(null);
        nodes[index] = await startClusterNode(cluster, dataDir);
      } else {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 8)));
      }
      // A client whose node died reconnects to a live one, as a real client would after its backoff.
      for (const client of clients) if (!client.connected && random() < 0.5) connect(client);
    }

    // Every writer goes away and both nodes crash: what was acknowledged must be in PostgreSQL
    // (read directly: the Redis stream, which a restarted node would replay, may not outlive it).
    const acked = new Set(clients.flatMap((c) => [...c.acked]));
    for (const client of clients) client.disconnect();
    for (let i = 0; i < nodes.length; i++) {
      await nodes[i]?.abort();
      nodes[i] = null;
    }
    const doc = new Y.Doc();
    const log = await store.loadDoc({ workspaceId, docName: DOC });
    Y.transact(doc, () => {
      if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
      for (const update of log.updates) Y.applyUpdate(doc, update);
    });
    const stored = new Set(doc.getArray<string>('list').toArray());
    const lost = [...acked].filter((m) => !stored.has(m));
    expect(lost, `seed ${seed}: acknowledged markers lost`).toEqual([]);
    doc.destroy();

    // The writers come back to either node and upload what was never acknowledged.
    nodes[0] = await startClusterNode(cluster, dataDir);
    nodes[1] = await startClusterNode(cluster, dataDir);
    for (const client of clients) connect(client);
    const sorted = [...written].sort();
    const closes: string[] = [];
    const converged = (): boolean => {
      // A client whose socket dropped comes back, as a real one does after its backoff.
      for (const client of clients) {
        if (client.connected || client.connecting) continue;
        closes.push(client.lastClose ?? 'never opened');
        connect(client);
      }
      return clients.every((c) => c.synced && c.unacknowledged.length === 0 && c.list().length === written.length);
    };
    await waitUntil(converged, 15_000, `seed ${seed}: convergence`).catch((err: unknown) => {
      const states = clients.map((c) => `connected ${c.connected}, synced ${c.synced}, unacknowledged ${c.unacknowledged.length}, holds ${c.list().length}/${written.length}, closes: ${closes.join(' | ')}`);
      throw new Error(`${(err as Error).message} (${states.join('; ')})`);
    });
    for (const client of clients) {
      const list = client.list();
      expect([...list].sort(), `seed ${seed}: markers once each`).toEqual(sorted);
    }
  } finally {
    for (const client of clients) client.destroy();
  }
}

describe.skipIf(skip)(`two-node convergence fuzz${skip ? ` (skipped: ${services})` : ''}`, () => {
  it(`converges with nothing acknowledged lost and nothing doubled over ${SEEDS} seeds`, { timeout: 120_000 }, async () => {
    const cluster = services as ClusterServices;
    const dataDir = makeTempDir('qwanyx-cluster-fuzz-');
    const nodes: Slot[] = [await startClusterNode(cluster, dataDir), await startClusterNode(cluster, dataDir)];
    const store = await PgDocPersistence.open(cluster.databaseUrl, 2);
    try {
      // QWANYX_FUZZ_SEEDS=89,90 replays those seeds only.
      const only = process.env.QWANYX_FUZZ_SEEDS?.split(',').map(Number);
      for (const seed of only ?? Array.from({ length: SEEDS }, (_, i) => i + 1)) await runSeed(seed, cluster, dataDir, nodes, store);
    } finally {
      for (const n of nodes) await n?.close();
      await store.close();
    }
  });
});
