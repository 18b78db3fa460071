/**
 * What the relay's room rule costs (sync-server/policy/checkRoomUpdate.ts):
 * checkUpdatePolicy on a `room/<id>` doc of over 1 MB, per honest update,
 * half of them new messages and half edits of the writer's own messages
 * (each edit replaces a value, so its neighbour is looked up and its delete
 * set walked), with the writer's member ids and the meta doc the rule reads
 * held as the relay holds them.
 */
import * as Y from 'yjs';
import { writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { checkUpdatePolicy } from '../../sync-server/policy/checkUpdatePolicy';
import type { PolicyWriter } from '../../sync-server/policy/checkRoomUpdate';
import { DOC_POLICIES } from '../../sync-server/policy/docPolicies';
import { percentile } from './percentile';

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
