/**
 * Projection of the memories of each digital human's doc (`dh/<id>`, format
 * in memoryDocFormat.ts) into `memories`, kept in step with its FTS5 index
 * `memories_fts` and its vector queue by triggers (memoryMigration.ts).
 *
 * One state per DH doc. A change is applied key by key: only the memories
 * its transaction touched are written. A rebuild also goes key by key
 * (upsert what the doc holds, delete what it no longer does) rather than
 * emptying the table, so a memory keeps its `seq` and with it its vectors:
 * a rebuild never costs a new round of embeddings.
 */
import type * as Y from 'yjs';
import { changedRootKeys } from '../changedRootKeys';
import { dhIdOfDoc } from '../dh/dhDocFormat';
import type { SqliteDb } from '../openSqlite';
import type { Projection } from '../ProjectionRunner';
import { MEMORIES_MAP, readMemoryRecord } from './memoryDocFormat';
import { deleteMemoryVectors } from './MemoryVectorStore';

/** Prepared statements, one set per database connection. */
class Statements {
  readonly upsert;
  readonly delete;
  readonly ids;

  constructor(db: SqliteDb) {
    this.upsert = db.prepare(
      `INSERT INTO memories (dh_id, id, text, kind, tags, importance, pinned, source, at, created_at, updated_at, source_message_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dh_id, id) DO UPDATE SET text = excluded.text, kind = excluded.kind, tags = excluded.tags,
         importance = excluded.importance, pinned = excluded.pinned, source = excluded.source, at = excluded.at,
         created_at = excluded.created_at, updated_at = excluded.updated_at, source_message_ids = excluded.source_message_ids`,
    );
    this.delete = db.prepare('DELETE FROM memories WHERE dh_id = ? AND id = ? RETURNING seq').pluck();
    this.ids = db.prepare('SELECT id FROM memories WHERE dh_id = ?').pluck();
  }
}

const cache = new WeakMap<SqliteDb, Statements>();

function statements(db: SqliteDb): Statements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = new Statements(db)));
  return s;
}

/** The `memories` projection: one per DH doc, applied change by change. */
export const memoriesProjection: Projection = {
  name: 'memories',
  version: 1,
  docName: 'dh/',
  rebuild(db, doc, docName) {
    const dhId = requireDhId(docName);
    const s = statements(db);
    const memories = doc.getMap(MEMORIES_MAP);
    for (const id of s.ids.all(dhId) as string[]) if (!memories.has(id)) projectMemory(db, s, dhId, memories, id);
    for (const key of memories.keys()) projectMemory(db, s, dhId, memories, key);
  },
  apply(db, doc, change) {
    const dhId = requireDhId(change.docName);
    const keys = changedRootKeys(doc, change.transaction).get(MEMORIES_MAP);
    if (!keys) return;
    const s = statements(db);
    const memories = doc.getMap(MEMORIES_MAP);
    for (const key of keys) projectMemory(db, s, dhId, memories, key);
  },
};

function requireDhId(docName: string): string {
  const dhId = dhIdOfDoc(docName);
  if (dhId === null) throw new Error(`${docName} is not a digital human's doc`);
  return dhId;
}

function projectMemory(db: SqliteDb, s: Statements, dhId: string, memories: Y.Map<unknown>, key: string): void {
  const m = readMemoryRecord(key, memories.get(key));
  if (!m) {
    const seq = s.delete.get(dhId, key) as number | undefined;
    if (seq !== undefined) deleteMemoryVectors(db, seq);
    return;
  }
  s.upsert.run(
    dhId,
    m.id,
    m.text,
    m.kind,
    m.tags.join(' '),
    m.importance,
    m.pinned ? 1 : 0,
    m.source,
    m.at,
    m.createdAt,
    m.updatedAt,
    JSON.stringify(m.sourceMessageIds),
  );
}
