/**
 * Fuzzing the relay's WebSocket: at least 10,000 hostile frames (random and
 * mutated: broken varints, truncated updates, huge declared lengths, garbage
 * awareness, wrong message types, oversized frames) from many connections on
 * the doc two well-behaved stock clients are editing. The relay must stay
 * up, the good clients keep syncing with their docs intact, nothing stored
 * fails to decode, and memory stays bounded.
 *
 * Replay with QWANYX_RELAY_FUZZ_SEED=<seed> (printed on failure).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BEARER_PROTOCOL_PREFIX, QWANYX_PROTOCOL, relayDocPath } from '../../src-main/common/relayWire';
import { SqliteDocPersistence } from '../../sync-server/storage/SqliteDocPersistence';
import { nextFuzzFrame } from '../fixtures/relayFuzzFrames';
import { openProvider, startTestRelay, waitUntil, whenSynced } from '../fixtures/relayHarness';
import { relayApi } from '../fixtures/relayHttp';
import { seededRandom, type SeededRandom } from '../fixtures/seededRandom';

const WS = 'fuzz-ws-000001';
const DOC = 'room/fuzz';
const FRAMES = 10_000;
const FUZZERS = 24;
const MAX_FRAME = 64 * 1024;
const SEED = Number(process.env.QWANYX_RELAY_FUZZ_SEED ?? 7_919);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** One fuzzing connection: sends frames one by one (a ping after each tells whether the relay kept it open). */
async function fuzzer(url: string, token: string, rng: SeededRandom, budget: { left: number; sent: number; kinds: Map<string, number> }): Promise<void> {
  while (budget.left > 0) {
    const ws = new WebSocket(url, [QWANYX_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`]);
    ws.on('error', () => undefined);
    const open = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if (!open) throw new Error('the relay refused a fuzzing connection');
    let closed = false;
    ws.once('close', () => (closed = true));
    while (!closed && budget.left > 0) {
      budget.left -= 1;
      budget.sent += 1;
      const next = nextFuzzFrame(rng, MAX_FRAME);
      budget.kinds.set(next.kind, (budget.kinds.get(next.kind) ?? 0) + 1);
      ws.send(next.data, { binary: typeof next.data !== 'string' });
      await new Promise<void>((resolve) => {
        const done = (): void => {
          ws.off('pong', done);
          ws.off('close', done);
          resolve();
        };
        ws.once('pong', done);
        ws.once('close', done);
        if (ws.readyState === WebSocket.OPEN) ws.ping();
      });
    }
    ws.terminate();
  }
}

describe('relay fuzzing', () => {
  it(`survives ${FRAMES} hostile frames with good clients unaffected and nothing malformed stored`, async () => {
    const relay = await startTestRelay({ limits: { maxFrameBytes: MAX_FRAME, awarenessPerSec: 1000 } });
    const good = await relay.mintToken({ workspaceId: WS, email: 'good@example.com', role: 'member' });
    const bad = await relay.mintToken({ workspaceId: WS, email: 'fuzzer@example.com', role: 'member' });
    const writer = openProvider(relay, WS, DOC, good);
    const reader = openProvider(relay, WS, DOC, good);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    writer.awareness.setLocalStateField('user', { name: 'good writer' });

    const text = writer.doc.getText('good');
    let expected = '';
    let edits = 0;
    const typing = setInterval(() => {
      const word = `w${edits++} `;
      text.insert(text.length, word);
      expected += word;
    }, 10);

    const budget = { left: FRAMES, sent: 0, kinds: new Map<string, number>() };
    const url = `${relay.wsUrl}${relayDocPath(WS, DOC)}`;
    // Warm up (JIT, pools) before the memory baseline.
    await fuzzer(url, bad, seededRandom(SEED + 1), { left: 500, sent: 0, kinds: new Map() });
    const baseline = heapMb();
    await Promise.all(Array.from({ length: FUZZERS }, (_, i) => fuzzer(url, bad, seededRandom(SEED * 31 + i), budget)));
    clearInterval(typing);
    const after = heapMb();

    const context = `seed ${SEED}, kinds ${JSON.stringify(Object.fromEntries(budget.kinds))}`;
    expect(budget.sent, context).toBeGreaterThanOrEqual(FRAMES);
    expect(after - baseline, `heap grew from ${baseline.toFixed(1)} to ${after.toFixed(1)} MB; ${context}`).toBeLessThan(40);

    // The relay is up, its good clients are still connected and converge on the writer's text.
    expect((await relayApi(relay, 'GET', '/healthz')).status).toBe(200);
    await waitUntil(() => reader.doc.getText('good').toString() === expected, 10_000, 'reader to converge');
    expect(writer.wsconnected && reader.wsconnected, context).toBe(true);
    expect(text.toString()).toBe(expected);
    expect((reader.awareness.getStates().get(writer.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name).toBe('good writer');
    const metrics = (await relayApi<string>(relay, 'GET', '/metrics')).body;
    const rejected = [...metrics.matchAll(/^relay_rejected_frames_total\{reason="[a-z_]+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(rejected, context).toBeGreaterThan(FRAMES / 2);

    // A fresh client gets the same good text; the stored log decodes and loads to the same state.
    const fresh = openProvider(relay, WS, DOC, good);
    await whenSynced(fresh);
    expect(fresh.doc.getText('good').toString()).toBe(expected);
    await relay.close();
    const store = new SqliteDocPersistence(`${relay.dataDir}/docs.db`);
    try {
      const stored = await store.loadDoc({ workspaceId: WS, docName: DOC });
      const doc = new Y.Doc();
      for (const update of [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]) {
        expect(() => Y.decodeUpdate(update)).not.toThrow();
        Y.applyUpdate(doc, update);
      }
      expect(doc.getText('good').toString()).toBe(expected);
      expect(doc.store.pendingStructs, 'no stored update waits for missing structs').toBeNull();
      expect(doc.store.pendingDs).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('closes an awareness flood with 4429 and an oversized awareness update with 4413, sparing the others', async () => {
    const relay = await startTestRelay({ limits: { awarenessPerSec: 10, maxAwarenessBytes: 1024 } });
    const token = await relay.mintToken({ workspaceId: WS, email: 'a@example.com', role: 'member' });
    const good = openProvider(relay, WS, DOC, token);
    await whenSynced(good);
    const flood = openProvider(relay, WS, DOC, token);
    await whenSynced(flood);
    const closes: number[] = [];
    flood.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    for (let i = 0; i < 30; i++) flood.awareness.setLocalStateField('cursor', i);
    await waitUntil(() => closes.includes(4429), 5000, '4429');
    flood.destroy();

    const big = openProvider(relay, WS, DOC, token);
    await whenSynced(big);
    const bigCloses: number[] = [];
    big.on('connection-close', (event) => {
      if (event) bigCloses.push(event.code);
    });
    big.awareness.setLocalStateField('blob', 'x'.repeat(2000));
    await waitUntil(() => bigCloses.includes(4413), 5000, '4413');
    big.destroy();
    good.doc.getText('t').insert(0, 'still fine');
    const check = openProvider(relay, WS, DOC, token);
    await waitUntil(() => check.doc.getText('t').toString() === 'still fine', 5000, 'doc still syncing');
    expect(good.wsconnected).toBe(true);
  });
});
