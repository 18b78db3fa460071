/**
 * Which memories of digital humans were learnt from the messages of given
 * members: a memory names the messages it came from (`sourceMessageIds`,
 * memoryDocFormat.ts, projected as `memories.source_message_ids`), and a
 * message its author (`messages.author_id`). Used to forget what was learnt
 * from a member who withdrew their consent, and to keep such a memory out
 * of a model request until it is forgotten (docs/consents.md).
 *
 * The member's messages are found through the `messages_author` index, so
 * the cost follows how much they wrote, not the size of the workspace.
 */
import type { SqliteDb } from '../openSqlite';

/** A memory of a digital human. */
export interface LearntMemory {
  dhId: string;
  id: string;
}

const FROM = `FROM memories mem, json_each(mem.source_message_ids) src
  WHERE src.value IN (SELECT id FROM messages WHERE author_id IN (SELECT value FROM json_each(?)))`;

/** Every memory, of any digital human, learnt from a message written by one of `memberIds`. */
export function memoriesLearntFrom(db: SqliteDb, memberIds: readonly string[]): LearntMemory[] {
  if (memberIds.length === 0) return [];
  return db.prepare(`SELECT DISTINCT mem.dh_id AS dhId, mem.id AS id ${FROM} ORDER BY mem.dh_id, mem.id`).all(JSON.stringify(memberIds)) as LearntMemory[];
}

/** Of the memories `memoryIds` of `dhId`, those learnt from a message written by one of `memberIds`. */
export function learntAmong(db: SqliteDb, dhId: string, memoryIds: readonly string[], memberIds: readonly string[]): Set<string> {
  if (memberIds.length === 0 || memoryIds.length === 0) return new Set();
  const rows = db
    .prepare(`SELECT DISTINCT mem.id ${FROM} AND mem.dh_id = ? AND mem.id IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(JSON.stringify(memberIds), dhId, JSON.stringify(memoryIds)) as string[];
  return new Set(rows);
}
