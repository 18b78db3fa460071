/**
 * The write rules of `meta` the relay enforces (formats in
 * src-main/storage/rooms/metaRoomsFormat.ts):
 *
 * - `rooms`: the entry of a private room or DM (its name, privacy and
 *   members map) is written only by its members or by owners and admins;
 *   otherwise a member could add themselves to a private room, or make it
 *   public, and be served its doc. A new room, and a public room's entry,
 *   are open to every writer (joining a channel is adding oneself).
 * - `members`: a person's entry is written by that person (one of their
 *   member ids, bound on first use, policy/MemberIds.ts) or by owners and
 *   admins; a digital human's entry by anyone but under an id no person
 *   holds.
 *
 * The other root maps of `meta` stay open.
 */
import * as Y from 'yjs';
import { isManagerRole } from '../../src-main/common/governance/permissions';
import type { PolicyWriter } from './checkRoomUpdate';
import type { DecodedUpdate, PolicyRefusal } from './checkUpdatePolicy';
import { forEachNewDelete, ItemPlacer, plainValueOf, type ItemPlace } from './itemPlace';
import { isRoomMember, roomAccessOf } from './workspaceRules';

function refuse(message: string): PolicyRefusal {
  return { reason: 'forbidden_write', message };
}

/** Null when `writer` may apply `update` to `meta` (`doc`), else why not. */
export function checkMetaUpdate(doc: Y.Doc, update: DecodedUpdate, writer: PolicyWriter): PolicyRefusal | null {
  if (isManagerRole(writer.role)) return null;
  const placer = new ItemPlacer(doc, update.structs);
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const place = placer.placeNew(struct);
    if (place === undefined) return refuse('writes under an item the relay does not hold');
    if (place === null) continue;
    const problem = checkPlace(doc, writer, place, plainValueOf(struct), true);
    if (problem) return refuse(problem);
  }
  let problem: string | null = null;
  forEachNewDelete(doc, placer, update.ds, (item) => {
    if (!item) problem = 'deletes items the relay does not hold';
    else {
      const place = placer.placeHeld(item);
      if (place) problem = checkPlace(doc, writer, place, undefined, false);
    }
    return problem === null;
  });
  return problem ? refuse(problem) : null;
}

function checkPlace(doc: Y.Doc, writer: PolicyWriter, place: ItemPlace, value: unknown, adding: boolean): string | null {
  const key = place.keys[0];
  if (key === undefined) return null;
  if (place.root === 'rooms') {
    const room = roomAccessOf(doc, key);
    if (!room || !room.private || isRoomMember(writer.facts, writer, room)) return null;
    return room.dm ? 'writes a direct conversation it is not part of' : 'writes a private room it is not a member of';
  }
  if (place.root === 'members') {
    if (place.keys.length > 1) return 'nests a shared type in a member entry';
    const { memberIds } = writer.facts;
    const isDh = adding && typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'dh';
    if (isDh) return memberIds.takenByOther(writer.workspaceId, writer.userId, key) ? "writes a person's member entry as a digital human" : null;
    return memberIds.owns(writer.workspaceId, writer.userId, key, adding) ? null : "writes another member's entry";
  }
  return null;
}
