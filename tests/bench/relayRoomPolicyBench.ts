/**
 * What the relay's room rule costs (sync-server/policy/checkRoomUpdate.ts):
 * checkUpdatePolicy on a `room/<id>` doc of over 1 MB, per honest update,
 * half of them new messages and half edits of the writer's own messages
 * (each edit replaces a value, so its neighbour is looked up and its delete
 * set walked), with the writer's member ids and the meta doc the rule reads
 * held as the relay holds them. `roomPolicyComparison`: propagation and
 * fan-out of new messages in room docs through our relay with the policies
 * on and off (two servers, alternating, a fresh doc each time), propagation
 * ratios: the median over 12 rounds of on ÷ off within a round (the two
 * sides back to back, 1,000 timed updates each), so the machine's load
 * drifting over the run (other processes, disk flushes) cancels out; the
 * percentiles of the 12,000 samples per side pooled are in the details.
 * `benchRoomPolicy`: the `relay-room-policy` bench entry; it also reports the
 * bytes one check allocates (a figure the machine's load does not change).
 */
import path from 'node:path';
import * as Y from 'yjs';
import { readRelayTokenClaims } from '../../src-main/common/relayToken';
import { writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { checkUpdatePolicy } from '../../sync-server/policy/checkUpdatePolicy';
import type { PolicyWriter } from '../../sync-server/policy/checkRoomUpdate';
import { DOC_POLICIES } from '../../sync-server/policy/docPolicies';
import { logProgress } from './logProgress';
import { median, percentile } from './percentile';
import { spawnBenchServer, type BenchServer } from './relayBenchClients';
import { fanout, propagation, warmUp, type BenchEdit } from './relayBenchScenarios';
import { withTempDataDir } from './withTempDataDir';

const DOC_BYTES = 1024 * 1024;
const CHECKS = 5000;
const WARMUP = 2000;
const AUTHOR = 'bench-author-device';
const TEXT = 'A message of ordinary length about the release planned for next week, with a question at the end?';

const meta = new Y.Doc();
meta.getMap('dhs').set('bench-dh', new Y.Map());
const WRITER = {
  userId: 'bench-account',
  role: 'member',
  workspaceId: 'bench-workspace',
  docName: 'room/bench-room',
  facts: {
    memberIds: { owns: (_ws: string, user: string, id: string) => id === user || id === AUTHOR, idsOf: () => ['bench-account', AUTHOR] },
    meta: () => meta,
    governance: () => null,
  },
} as unknown as PolicyWriter;

function post(doc: Y.Doc, n: number, text = TEXT): void {
  const id = `m${n}`;
  doc.getMap('messages').set(id, writeMessageRecord({ id, authorId: AUTHOR, text: `${text} ${n}`, createdAt: 1_700_000_000_000 + n, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
}

/** What reading the heap size allocates itself (median of back-to-back reads), subtracted from each allocation sample. */
function heapReadOverhead(): number {
  const deltas: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const before = process.memoryUsage().heapUsed;
    deltas.push(process.memoryUsage().heapUsed - before);
  }
  return median(deltas);
}

/**
 * µs per check of one update (a new message or an edit) against a held room doc of over 1 MB (p50, p99), the doc's
 * size, and the bytes one check allocates (mean; heap used after ÷ before each check, samples where a young-generation
 * collection ran in between, i.e. a negative delta, left out): garbage is what makes collection pauses in the tail,
 * and unlike time it does not depend on the machine's load.
 */
export function roomPolicyCheckCost(): { p50: number; p99: number; docBytes: number; bytesPerCheck: number } {
  const held = new Y.Doc();
  const writer = new Y.Doc();
  let n = 0;
  Y.transact(writer, () => {
    for (; n < 8000; n++) post(writer, n);
  });
  Y.applyUpdate(held, Y.encodeStateAsUpdate(writer));
  const docBytes = Y.encodeStateAsUpdate(held).length;
  if (docBytes < DOC_BYTES) throw new Error(`bench: the room doc is only ${docBytes} bytes`);
  const updates: Uint8Array[] = [];
  const grab = (u: Uint8Array): void => void updates.push(u);
  writer.on('update', grab);
  for (let k = 0; k < WARMUP + CHECKS; k++) {
    if (k % 2 === 0) post(writer, n++);
    else post(writer, (k * 7919) % n, 'edited');
  }
  writer.off('update', grab);
  const samples: number[] = [];
  const allocated: number[] = [];
  const overhead = heapReadOverhead();
  for (const [k, update] of updates.entries()) {
    const decoded = Y.decodeUpdate(update);
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const refused = checkUpdatePolicy(DOC_POLICIES.room, held, decoded, WRITER);
    const us = (performance.now() - start) * 1000;
    const bytes = process.memoryUsage().heapUsed - heapBefore - overhead;
    if (refused) throw new Error(`bench: an honest room update was refused: ${refused.message}`);
    if (k >= WARMUP) samples.push(us);
    if (k >= WARMUP && bytes >= 0) allocated.push(bytes);
    Y.applyUpdate(held, update);
  }
  const bytesPerCheck = allocated.reduce((sum, b) => sum + b, 0) / Math.max(1, allocated.length);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), docBytes, bytesPerCheck };
}

/** Propagation rounds per side (1,000 timed updates each): p95 and p99 are read from the pooled samples of all rounds. */
const PROPAGATION_ROUNDS = 12;
/** Fan-out rounds per side (500 observers each; the median round counts). */
const FANOUT_ROUNDS = 4;

/** One side's propagation percentiles (ms, pooled over rounds) and fan-out (µs per update per observer). */
export interface RoomPolicySide {
  propP50: number;
  propP95: number;
  propP99: number;
  fanUs: number;
  samples: number;
}

/** On ÷ off of propagation p95 and p99, each the median over rounds of the ratio within a round (both sides back to back). */
export interface RoomPolicyPaired {
  p95Ratio: number;
  p99Ratio: number;
}

/** An edit that posts a new message as the bench account (what the room rule checks). */
function postAs(server: BenchServer): BenchEdit {
  const authorId = readRelayTokenClaims(server.token)?.sub;
  if (!authorId) throw new Error('bench: the server token has no user');
  return (doc, i) => doc.getMap('messages').set(`b${i}`, writeMessageRecord({ id: `b${i}`, authorId, text: `${TEXT} ${i}`, createdAt: 1_700_000_000_000 + i, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
}

/**
 * Propagation (p50, p95, p99 in ms, pooled over rounds; and on ÷ off of p95
 * and p99 within each round, median over rounds) and fan-out (µs per update
 * per observer, median round) of new messages in room docs, policies on and
 * off, in the same run. Sides alternate within each round (on a busy
 * machine the first of a pair is measured differently), each round a fresh doc.
 */
export async function roomPolicyComparison(): Promise<Record<'on' | 'off', RoomPolicySide> & { paired: RoomPolicyPaired }> {
  return withTempDataDir('relay-room-policy', async (dataDir) => {
    const servers = { on: await spawnBenchServer('ours', path.join(dataDir, 'on')), off: await spawnBenchServer('ours-nopolicy', path.join(dataDir, 'off')) };
    const sides = ['on', 'off'] as const;
    try {
      const prop: Record<'on' | 'off', number[]> = { on: [], off: [] };
      const fan: Record<'on' | 'off', number[]> = { on: [], off: [] };
      const ratios: Record<'p95' | 'p99', number[]> = { p95: [], p99: [] };
      for (const side of sides) {
        logProgress(`relay (policies ${side}): warm-up…`);
        await warmUp(servers[side], 'room/bench-policy-warmup', postAs(servers[side]));
      }
      for (let round = 0; round < PROPAGATION_ROUNDS; round++) {
        const got: Partial<Record<'on' | 'off', number[]>> = {};
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          logProgress(`relay (policies ${side}): room message propagation, round ${round + 1}/${PROPAGATION_ROUNDS}…`);
          got[side] = (await propagation(servers[side], `room/bench-policy-p${round}`, postAs(servers[side]))).samples;
          prop[side].push(...got[side]);
        }
        // The load of the machine drifts over a run; within a round both sides see about the same.
        for (const p of [95, 99] as const) ratios[`p${p}`].push(percentile(got.on!, p) / percentile(got.off!, p));
      }
      for (let round = 0; round < FANOUT_ROUNDS; round++) {
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          logProgress(`relay (policies ${side}): room message fan-out, round ${round + 1}/${FANOUT_ROUNDS}…`);
          fan[side].push((await fanout(servers[side], `room/bench-policy-f${round}`, postAs(servers[side]))).wallUs);
        }
      }
      const sideOf = (side: 'on' | 'off'): RoomPolicySide => ({
        propP50: percentile(prop[side], 50),
        propP95: percentile(prop[side], 95),
        propP99: percentile(prop[side], 99),
        fanUs: median(fan[side]),
        samples: prop[side].length,
      });
      return { on: sideOf('on'), off: sideOf('off'), paired: { p95Ratio: median(ratios.p95), p99Ratio: median(ratios.p99) } };
    } finally {
      await Promise.all(sides.map((side) => servers[side].stop()));
    }
  });
}

/** The room policy's budget: on ÷ off at most this, for p95 and p99 propagation and fan-out. */
export const ROOM_POLICY_RATIO_MAX = 1.1;

/** `npm run bench -- relay-room-policy`: the room rule's check cost and its propagation and fan-out overhead, on ÷ off in one run. */
export async function benchRoomPolicy(): Promise<Record<string, unknown>> {
  logProgress('relay: room policy check on a 1 MB room doc…');
  const check = roomPolicyCheckCost();
  const { on, off, paired } = await roomPolicyComparison();
  const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
  const figures = {
    relay_room_policy_us_per_update: Math.round(check.p99 * 100) / 100,
    relay_room_policy_overhead_propagation_p95_ratio: ratio(paired.p95Ratio, 1),
    relay_room_policy_overhead_propagation_ratio: ratio(paired.p99Ratio, 1),
    relay_room_policy_overhead_fanout_ratio: ratio(on.fanUs, off.fanUs),
  };
  const overBudget = Object.entries(figures)
    .filter(([key, value]) => (key === 'relay_room_policy_us_per_update' ? value > 20 : value > ROOM_POLICY_RATIO_MAX))
    .map(([key]) => key);
  const ms = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    ...figures,
    relay_room_policy_details: {
      over_budget: overBudget,
      ratio_max: ROOM_POLICY_RATIO_MAX,
      check_us_p50: Math.round(check.p50 * 100) / 100,
      check_bytes_allocated_per_update: Math.round(check.bytesPerCheck),
      check_doc_bytes: check.docBytes,
      propagation_ms: { on: { p50: ms(on.propP50), p95: ms(on.propP95), p99: ms(on.propP99) }, off: { p50: ms(off.propP50), p95: ms(off.propP95), p99: ms(off.propP99) } },
      propagation_samples_per_side: on.samples,
      pooled_propagation_p95_ratio: ratio(on.propP95, off.propP95),
      pooled_propagation_p99_ratio: ratio(on.propP99, off.propP99),
      fanout_us_per_update_per_observer: { on: ms(on.fanUs), off: ms(off.fanUs) },
    },
  };
}
