/**
 * Two relay processes on the real PostgreSQL and Redis; one is killed with
 * SIGKILL while both take writes. Every update either node acknowledged is
 * in the PostgreSQL log; the killed node's writer moves to the other node
 * and uploads what was never acknowledged; all converge, each marker once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgDocPersistence } from '../../sync-server/storage/PgDocPersistence';
import { AckClient } from '../fixtures/ackClient';
import { clusterServices, type ClusterServices } from '../fixtures/clusterServices';
import { waitUntil } from '../fixtures/relayHarness';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { makeTempDir } from '../fixtures/tempDir';

const services = await clusterServices();
const skip = typeof services === 'string';
const DOC = 'room/crash';

describe.skipIf(skip)(`two relay processes, one killed${skip ? ` (skipped: ${services})` : ''}`, () => {
  it('keeps every acknowledged update across SIGKILL of a node; clients converge on the other', { timeout: 60_000 }, async () => {
    const cluster = services as ClusterServices;
    const dataDir = makeTempDir('qwanyx-cluster-crash-');
    const env = { RELAY_DATABASE_URL: cluster.databaseUrl, RELAY_REDIS_URL: cluster.redisUrl };
    const one: RelayProcess = await startRelayProcess({ dataDir, env });
    const two: RelayProcess = await startRelayProcess({ dataDir, env });
    const ws = `crash-${randomUUID().slice(0, 12)}`;
    const a = new AckClient();
    const b = new AckClient();
    const written: string[] = [];
    try {
      const token = await one.mintToken({ workspaceId: ws, email: 'ada@example.com', role: 'member' });
      const wsUrl = (p: RelayProcess): string => p.url.replace(/^http/, 'ws');
      a.connect(wsUrl(one), ws, DOC, token);
      b.connect(wsUrl(two), ws, DOC, token);
      await waitUntil(() => a.synced && b.synced, 10_000, 'both clients to sync');

      // Both write in bursts; node one dies once it has acknowledged a good part of them.
      let n = 0;
      while (a.acked.size < 100) {
        for (let i = 0; i < 10; i++) {
          for (const [client, name] of [[a, 'a'], [b, 'b']] as const) {
            const marker = `${name}${n}`;
            written.push(marker);
            client.write(marker);
          }
          n += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (n > 5000) throw new Error('node one never acknowledged');
      }
      for (let i = 0; i < 10; i++, n++) {
        written.push(`a${n}`);
        a.write(`a${n}`);
      }
      await one.kill('SIGKILL');
      const acked = new Set([...a.acked, ...b.acked]);
      expect(a.unacknowledged.length, 'writes node one never acknowledged').toBeGreaterThan(0);

      // Everything acknowledged is in the log, read straight from PostgreSQL.
      const store = await PgDocPersistence.open(cluster.databaseUrl, 2);
      try {
        const log = await store.loadDoc({ workspaceId: ws, docName: DOC });
        const doc = new Y.Doc();
        if (log.snapshot) Y.applyUpdate(doc, log.snapshot);
        for (const update of log.updates) Y.applyUpdate(doc, update);
        const stored = new Set(doc.getArray<string>('list').toArray());
        expect([...acked].filter((m) => !stored.has(m)), 'acknowledged markers lost').toEqual([]);
      } finally {
        await store.close();
      }

      a.connect(wsUrl(two), ws, DOC, token);
      await waitUntil(() => [a, b].every((c) => c.synced && c.unacknowledged.length === 0 && c.list().length === written.length), 15_000, 'convergence on node two');
      expect([...b.list()].sort()).toEqual([...written].sort());
      expect([...a.list()].sort()).toEqual([...written].sort());
    } finally {
      a.destroy();
      b.destroy();
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});
