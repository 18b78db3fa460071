/**
 * The write rule of a room doc's `messages` (format in
 * src-main/storage/rooms/roomDocFormat.ts): a new message's author is the
 * connected member (one of their member ids, policy/MemberIds.ts), or a
 * digital human of the workspace posting with `postedBy` = the connected
 * member; a message is changed (edited, replaced by its tombstone) or
 * removed only by its author (or, for a digital human's message, the
 * member it posted for) or by someone granted `message.delete:any`, and
 * never changes author. Values are plain records under a message id; no
 * nested type may appear under `messages`.
 *
 * `claims` (src-main/storage/agents/claimDocFormat.ts): a claim says which
 * device answers a trigger for a digital human, and a device runs a job
 * only for its own member; so a new claim value names the connected member
 * (`userId`, one of their member ids): nobody can make another person's
 * device, key and quota answer, or claim in their name. Reactions, read
 * pointers, pins and held actions of digital humans: checkRoomEntries.ts.
 */
import * as Y from 'yjs';
import type { DecodedUpdate, PolicyRefusal } from './checkUpdatePolicy';
import { isEntryMap, RoomEntryRules, ENTRY_MAPS } from './checkRoomEntries';
import { forEachNewDelete, ItemPlacer, plainValueOf } from './itemPlace';
import { actorCan, isDigitalHuman, type Actor, type WorkspaceFacts } from './workspaceRules';

/** The connected writer of an update and what the rules read. */
export interface PolicyWriter extends Actor {
  readonly docName: string;
  readonly facts: WorkspaceFacts;
}

interface Authored {
  authorId: string;
  postedBy: string | null;
}

function refuse(message: string): PolicyRefusal {
  return { reason: 'forbidden_write', message };
}

/** Null when `writer` may apply `update` to the room doc `doc`, else why not. */
export function checkRoomUpdate(doc: Y.Doc, update: DecodedUpdate, writer: PolicyWriter): PolicyRefusal | null {
  const placer = new ItemPlacer(doc, update.structs);
  const roomId = writer.docName.slice(writer.docName.indexOf('/') + 1);
  const messages = doc.getMap('messages');
  // Built at first use: most updates are one new message, one reaction or one read pointer.
  let entries: RoomEntryRules | null = null;
  /** The value each key has so far: the held one, then this update's. */
  let latest: Map<string, Authored | null> | null = null;
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const place = placer.placeNew(struct);
    if (place === undefined) return refuse('writes under an item the relay does not hold');
    // A value set and replaced in one update arrives as deleted content: it never shows, so it has no author to check.
    if (place === null || struct.content instanceof Y.ContentDeleted) continue;
    if (place.root === 'claims') {
      const problem = checkClaim(writer, place.keys.length, plainValueOf(struct));
      if (problem) return refuse(problem);
      continue;
    }
    if (isEntryMap(place.root)) {
      entries ??= new RoomEntryRules(doc, writer, roomId);
      const problem = entries.write(place.root, place.keys.length, place.keys[0]!, plainValueOf(struct));
      if (problem) return refuse(problem);
      continue;
    }
    if (place.root !== 'messages') continue;
    if (place.keys.length !== 1) return refuse('nests a shared type under messages');
    const key = place.keys[0]!;
    const next = authored(plainValueOf(struct));
    if (!next) return refuse('writes a message that is not a plain record with an author');
    const before = latest?.has(key) ? latest.get(key)! : authored(messages.get(key));
    const problem = before ? checkChange(writer, roomId, before, next) : checkNew(writer, next);
    if (problem) return refuse(problem);
    (latest ??= new Map()).set(key, next);
  }
  // An update that deletes nothing (a new message, a reaction) has no delete set to walk.
  if (update.ds.clients.size === 0) return null;
  let problem: string | null = null;
  // Built at the first delete of a map value: most updates delete nothing.
  let entryMaps: Map<unknown, (typeof ENTRY_MAPS)[number]> | null = null;
  forEachNewDelete(doc, placer, update.ds, (item) => {
    if (!item) problem = 'deletes items the relay does not hold';
    else if (item.parent === messages && item.parentSub !== null) {
      const before = authored(plainValueOf(item));
      if (before && !mayChange(writer, roomId, before)) problem = "removes another member's message";
    } else if (item.parentSub !== null) {
      entryMaps ??= new Map(ENTRY_MAPS.map((name) => [doc.getMap(name), name]));
      const root = entryMaps.get(item.parent);
      if (root) problem = (entries ??= new RoomEntryRules(doc, writer, roomId)).remove(root, item.parentSub, plainValueOf(item));
    }
    return problem === null;
  });
  return problem ? refuse(problem) : null;
}

/** Null when `value`, written under a claim key, claims a trigger for the connected member. */
function checkClaim(writer: PolicyWriter, depth: number, value: unknown): string | null {
  if (depth !== 1) return 'nests a shared type under claims';
  const userId = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).userId : undefined;
  if (typeof userId !== 'string') return 'writes a claim that is not a plain record with a member';
  return writer.facts.memberIds.owns(writer.workspaceId, writer.userId, userId, false) ? null : "claims a trigger for another member's device";
}

function checkNew(writer: PolicyWriter, next: Authored): string | null {
  const { facts, workspaceId, userId } = writer;
  if (next.postedBy !== null) {
    // A digital human's id, or one nobody holds yet (its entry in meta may still be on its way on another socket); never a person's.
    if (facts.memberIds.takenByOther(workspaceId, userId, next.authorId)) return "posts for someone who is not a digital human";
    return facts.memberIds.owns(workspaceId, userId, next.postedBy) ? null : 'posts a digital human message for another member';
  }
  if (isDigitalHuman(facts, next.authorId)) return 'posts as a digital human without postedBy';
  return facts.memberIds.owns(workspaceId, userId, next.authorId) ? null : 'posts as another member';
}

function checkChange(writer: PolicyWriter, roomId: string, before: Authored, next: Authored): string | null {
  if (next.authorId !== before.authorId || next.postedBy !== before.postedBy) return "changes a message's author";
  return mayChange(writer, roomId, before) ? null : "changes another member's message";
}

function mayChange(writer: PolicyWriter, roomId: string, before: Authored): boolean {
  const { facts, workspaceId, userId } = writer;
  const own = before.postedBy ?? before.authorId;
  return facts.memberIds.owns(workspaceId, userId, own, false) || actorCan(facts, writer, 'message.delete:any', roomId);
}

function authored(value: unknown): Authored | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.authorId !== 'string') return null;
  const postedBy = typeof v.postedBy === 'string' ? v.postedBy : null;
  return { authorId: v.authorId, postedBy };
}
