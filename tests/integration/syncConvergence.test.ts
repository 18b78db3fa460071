/**
 * Three clients of one relay, each on its own database, with a seeded random
 * schedule of writes (map sets and deletes, list inserts and deletes, text
 * edits), abrupt socket drops, offline spells and pauses. Whatever the order
 * in which the relay delivered things, once everyone is back online all three
 * hold the same doc (same state vector, same content), and every local change
 * was acknowledged (nothing pending). A failure prints its seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { startRelay, type StartedRelay } from '../../sync-server/startRelay';
import { makeTempDir } from '../fixtures/tempDir';
import { seededRandom, type SeededRandom } from '../fixtures/seededRandom';
import { openSyncPeer, type SyncPeer } from '../fixtures/syncPeer';

const SEEDS = Number(process.env.QWANYX_SYNC_SEEDS ?? 100);
const STEPS = 40;

let relay: StartedRelay;

beforeAll(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: makeTempDir('qwanyx-conv-relay-'), dev: true, logLevel: 'silent' });
});

afterAll(async () => {
  await relay?.close();
});

function randomEdit(doc: Y.Doc, rng: SeededRandom, marker: string): void {
  const roll = rng.next();
  if (roll < 0.35) {
    doc.getMap('kv').set(`k${rng.int(0, 7)}`, marker);
  } else if (roll < 0.45) {
    doc.getMap('kv').delete(`k${rng.int(0, 7)}`);
  } else if (roll < 0.7) {
    const list = doc.getArray<string>('list');
    list.insert(rng.int(0, list.length), [marker]);
  } else if (roll < 0.8) {
    const list = doc.getArray<string>('list');
    if (list.length > 0) list.delete(rng.int(0, list.length - 1), 1);
  } else {
    const text = doc.getText('text');
    if (text.length > 0 && rng.next() < 0.3) text.delete(rng.int(0, text.length - 1), 1);
    else text.insert(rng.int(0, text.length), marker);
  }
}

async function waitConverged(peers: SyncPeer[], seed: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const prints = peers.map((p) => p.fingerprint());
    if (peers.every((p) => p.synced()) && prints.every((f) => f === prints[0])) return;
    if (Date.now() > deadline) {
      const states = peers.map((p) => `${p.sync.summary().state} pending=${p.pending.count()}`).join(', ');
      throw new Error(`seed ${seed}: no convergence after 10 s (${states})\n${prints.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function runSeed(seed: number): Promise<void> {
  const rng = seededRandom(seed);
  const workspaceId = `conv-${seed}-${Date.now().toString(36)}`;
  const peers = ['ada', 'bob', 'cyd'].map((name) =>
    openSyncPeer({ relay, workspaceId, email: `${name}@example.com`, random: rng.next }),
  );
  const online = peers.map(() => rng.next() < 0.7);
  peers.forEach((peer, i) => {
    if (online[i]) peer.connect();
  });
  let written = 0;
  for (let step = 0; step < STEPS; step++) {
    const i = rng.int(0, peers.length - 1);
    const peer = peers[i]!;
    const roll = rng.next();
    if (roll < 0.55) {
      written += 1;
      peer.handle.docs.transact('meta', txOrigin(rng.pick(['local', 'agent', 'system'] as const)), (doc) =>
        randomEdit(doc, rng, `${i}:${written}`),
      );
    } else if (roll < 0.65) {
      // An abrupt drop: the socket dies, the client comes straight back.
      if (online[i]) peer.sync.reconnectNow();
    } else if (roll < 0.8) {
      if (online[i]) await peer.disconnect();
      else peer.connect();
      online[i] = !online[i];
    } else {
      await new Promise((resolve) => setTimeout(resolve, rng.int(0, 4)));
    }
  }
  peers.forEach((peer, i) => {
    if (!online[i]) peer.connect();
  });
  await waitConverged(peers, seed);
  for (const peer of peers) expect(peer.pending.count(), `seed ${seed}: pending after convergence`).toBe(0);
  await Promise.all(peers.map((p) => p.close()));
}

describe('sync convergence', () => {
  it(`three clients converge under ${SEEDS} seeded random schedules of writes, drops and reconnects`, async () => {
    const firstSeed = Number(process.env.QWANYX_SYNC_FIRST_SEED ?? 1);
    for (let seed = firstSeed; seed < firstSeed + SEEDS; seed++) await runSeed(seed);
  });
});
