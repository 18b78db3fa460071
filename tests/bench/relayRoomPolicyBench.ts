/**
 * What the relay's room rule costs (sync-server/policy/checkRoomUpdate.ts):
 * checkUpdatePolicy on a `room/<id>` doc of over 1 MB, per honest update,
 * half of them new messages and half edits of the writer's own messages
 * (each edit replaces a value, so its neighbour is looked up and its delete
 * set walked), with the writer's member ids and the meta doc the rule reads
 * held as the relay holds them. `roomPolicyComparison`: propagation and
 * fan-out of new messages in room docs through our relay with the policies
 * on and off (two servers, alternating, a fresh doc each time).
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
import { fanout, propagation, type BenchEdit } from './relayBenchScenarios';
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

/** µs per check of one update (a new message or an edit) against a held room doc of over 1 MB (p50, p99), and the doc's size. */
export function roomPolicyCheckCost(): { p50: number; p99: number; docBytes: number } {
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
  for (const [k, update] of updates.entries()) {
    const decoded = Y.decodeUpdate(update);
    const start = performance.now();
    const refused = checkUpdatePolicy(DOC_POLICIES.room, held, decoded, WRITER);
    const us = (performance.now() - start) * 1000;
    if (refused) throw new Error(`bench: an honest room update was refused: ${refused.message}`);
    if (k >= WARMUP) samples.push(us);
    Y.applyUpdate(held, update);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), docBytes };
}

const ROUNDS = 4;

/** An edit that posts a new message as the bench account (what the room rule checks). */
function postAs(server: BenchServer): BenchEdit {
  const authorId = readRelayTokenClaims(server.token)?.sub;
  if (!authorId) throw new Error('bench: the server token has no user');
  return (doc, i) => doc.getMap('messages').set(`b${i}`, writeMessageRecord({ id: `b${i}`, authorId, text: `${TEXT} ${i}`, createdAt: 1_700_000_000_000 + i, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
}

/** Propagation p99 (ms) and fan-out (µs per update per observer) of new messages in room docs, policies on and off. */
export async function roomPolicyComparison(): Promise<Record<'on' | 'off', { propP99: number; fanUs: number }>> {
  return withTempDataDir('relay-room-policy', async (dataDir) => {
    const servers = { on: await spawnBenchServer('ours', path.join(dataDir, 'on')), off: await spawnBenchServer('ours-nopolicy', path.join(dataDir, 'off')) };
    const sides = ['on', 'off'] as const;
    try {
      const prop: Record<'on' | 'off', number[]> = { on: [], off: [] };
      const fan: Record<'on' | 'off', number[]> = { on: [], off: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Which side goes first alternates: on a busy machine the first of a pair is measured differently.
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          logProgress(`relay (policies ${side}): room message propagation and fan-out, round ${round + 1}/${ROUNDS}…`);
          prop[side].push((await propagation(servers[side], `room/bench-policy-p${round}`, postAs(servers[side]))).p99);
          fan[side].push((await fanout(servers[side], `room/bench-policy-f${round}`, postAs(servers[side]))).wallUs);
        }
      }
      return { on: { propP99: median(prop.on), fanUs: median(fan.on) }, off: { propP99: median(prop.off), fanUs: median(fan.off) } };
    } finally {
      await Promise.all(sides.map((side) => servers[side].stop()));
    }
  });
}
