/**
 * Filling the holes a damaged log leaves in a Yjs update, for recovering
 * what is readable into a new workspace. Yjs integrates the changes of one
 * client strictly in clock order: when one update row of a client is lost,
 * every later change of that client waits forever for it, so one broken
 * page would hide everything written after it. Each missing clock range is
 * filled with a GC struct (content known to be gone, as a deleted one): the
 * later changes then integrate, and what was lost stays lost.
 *
 * Never used where the missing changes can still arrive (a rebuild from the
 * relay): a filled range would shadow them.
 *
 * The filler is a Yjs v1 update written by hand: varUint client count (1),
 * then varUint struct count (1), varUint client, varUint clock, the info
 * byte 0 (a GC struct) and its varUint length; then an empty delete set
 * (varUint 0).
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** `update` with every missing clock range of each client filled with a GC struct. */
export function fillClockGaps(update: Uint8Array): Uint8Array {
  const { structs } = Y.decodeUpdate(update);
  const byClient = new Map<number, { clock: number; length: number; skip: boolean }[]>();
  for (const s of structs) {
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push({ clock: s.id.clock, length: s.length, skip: s instanceof Y.Skip });
  }
  const fillers: Uint8Array[] = [];
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock);
    let expected = 0;
    for (const s of list) {
      if (s.skip) fillers.push(gcUpdate(client, s.clock, s.length));
      else if (s.clock > expected) fillers.push(gcUpdate(client, expected, s.clock - expected));
      expected = Math.max(expected, s.clock + s.length);
    }
  }
  return fillers.length === 0 ? update : Y.mergeUpdates([update, ...fillers]);
}

function gcUpdate(client: number, clock: number, length: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 0);
  encoding.writeVarUint(e, length);
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}
