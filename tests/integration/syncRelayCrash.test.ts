/**
 * The relay process is killed with SIGKILL right after it acknowledged
 * updates. What it acknowledged must survive: after a restart on the same
 * data dir, a brand-new client (who never saw the writers) downloads every
 * acknowledged marker. Then the writers come back, upload what was never
 * acknowledged, and all three converge with every marker exactly once.
 */
import { describe, expect, it } from 'vitest';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { openSyncPeer, type SyncPeer } from '../fixtures/syncPeer';

const BATCH = 150;

/** Writes markers `from..to-1` on `peer`, remembering the log seq of each. */
function writeMarkers(peer: SyncPeer, prefix: string, from: number, to: number, seqs: Map<number, string>): void {
  const stop = peer.handle.docs.onChange((change) => {
    if (change.seq !== null && change.origin.source === 'local') seqs.set(change.seq, current);
  });
  let current = '';
  for (let n = from; n < to; n++) {
    current = `${prefix}${n}`;
    peer.handle.docs.transact('meta', txOrigin('local'), (doc) => {
      doc.getArray<string>('list').push([current]);
      doc.getMap('kv').set(current, n);
    });
  }
  stop();
}

/** Markers of `peer` the relay has acknowledged: written, and no longer pending. */
function ackedMarkers(peer: SyncPeer, seqs: Map<number, string>): string[] {
  const pending = new Set(
    (peer.handle.storage.db.prepare('SELECT seq FROM sync_pending').all() as { seq: number }[]).map((r) => r.seq),
  );
  return [...seqs].filter(([seq]) => !pending.has(seq)).map(([, marker]) => marker);
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('relay killed right after acknowledging', () => {
  it('keeps every acknowledged update across SIGKILL; clients converge with nothing lost or doubled', async () => {
    const relayDir = makeTempDir('qwanyx-crash-relay-');
    let relay: RelayProcess = await startRelayProcess({ dataDir: relayDir });
    const workspaceId = 'crash-test-workspace';
    const peerRelay = { get url() { return relay.url; }, mintToken: (input: Parameters<RelayProcess['mintToken']>[0]) => relay.mintToken(input) };
    try {
      const a = openSyncPeer({ relay: peerRelay, workspaceId, email: 'ada@example.com' });
      const b = openSyncPeer({ relay: peerRelay, workspaceId, email: 'bob@example.com' });
      a.connect();
      b.connect();
      const seqsA = new Map<number, string>();
      const seqsB = new Map<number, string>();
      writeMarkers(a, 'a', 0, BATCH, seqsA);
      writeMarkers(b, 'b', 0, BATCH, seqsB);
      await until(() => a.synced() && b.synced() && a.pending.count() === 0 && b.pending.count() === 0, 'first batch acknowledged');

      // Second batch, in chunks: kill the relay right after it acknowledged
      // some of it, as the next chunk goes out; then write more while it is down.
      let next = BATCH;
      for (;;) {
        writeMarkers(a, 'a', next, next + 10, seqsA);
        writeMarkers(b, 'b', next, next + 10, seqsB);
        next += 10;
        await new Promise((resolve) => setImmediate(resolve));
        if (next - BATCH >= 50 && a.pending.count() < next - BATCH) break;
        if (next > 20 * BATCH) throw new Error('the relay never acknowledged the second batch');
      }
      writeMarkers(a, 'a', next, next + 10, seqsA);
      await relay.kill('SIGKILL');
      writeMarkers(a, 'a', next + 10, next + 20, seqsA);
      writeMarkers(b, 'b', next, next + 20, seqsB);
      await a.disconnect();
      await b.disconnect();
      const acked = [...ackedMarkers(a, seqsA), ...ackedMarkers(b, seqsB)];
      expect(acked.length).toBeGreaterThan(2 * BATCH);
      expect(a.pending.count(), 'changes never acknowledged').toBeGreaterThanOrEqual(10);

      relay = await startRelayProcess({ dataDir: relayDir, port: relay.port });
      const c = openSyncPeer({ relay: peerRelay, workspaceId, email: 'cyd@example.com' });
      c.connect();
      await until(() => c.synced(), 'the new client synced');
      const onRelay = new Set(c.handle.docs.doc('meta').getArray<string>('list').toArray());
      const lost = acked.filter((marker) => !onRelay.has(marker));
      expect(lost, 'acknowledged markers the relay lost').toEqual([]);

      a.connect();
      b.connect();
      await until(
        () => [a, b, c].every((p) => p.synced()) && a.fingerprint() === b.fingerprint() && b.fingerprint() === c.fingerprint(),
        'convergence',
      );
      const list = c.handle.docs.doc('meta').getArray<string>('list').toArray();
      const expected = [...seqsA.values(), ...seqsB.values()].sort();
      expect([...list].sort()).toEqual(expected);
      expect(new Set(list).size).toBe(list.length);
      expect(a.pending.count() + b.pending.count()).toBe(0);
    } finally {
      await relay.stop();
    }
  });
});
