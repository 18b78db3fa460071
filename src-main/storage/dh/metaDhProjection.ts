/**
 * Projection of the `meta` doc's digital humans list (`meta.dhs`, format in
 * metaDhFormat.ts) into the `digital_humans` table, applied entry by entry.
 */
import type * as Y from 'yjs';
import { dhHandleLocalPart } from '../../common/contract/dhChannels';
import { changedRootKeys } from '../changedRootKeys';
import type { SqliteDb } from '../openSqlite';
import type { Projection } from '../ProjectionRunner';
import { readDhRecord } from './metaDhFormat';

/** The `meta_dhs` projection: one row per well-formed DH of `meta.dhs`. */
export const metaDhProjection: Projection = {
  name: 'meta_dhs',
  version: 1,
  docName: 'meta',
  rebuild(db, doc) {
    db.prepare('DELETE FROM digital_humans').run();
    const dhs = doc.getMap('dhs');
    for (const key of dhs.keys()) projectDh(db, dhs, key);
  },
  apply(db, doc, change) {
    const keys = changedRootKeys(doc, change.transaction).get('dhs');
    if (!keys) return;
    const dhs = doc.getMap('dhs');
    for (const key of keys) projectDh(db, dhs, key);
  },
};

function projectDh(db: SqliteDb, dhs: Y.Map<unknown>, key: string): void {
  const dh = readDhRecord(key, dhs.get(key));
  if (!dh) {
    db.prepare('DELETE FROM digital_humans WHERE id = ?').run(key);
    return;
  }
  db.prepare(
    `INSERT INTO digital_humans (id, name, handle, handle_local, title, persona, color, model, tools, memory_enabled, template, created_at, created_by, archived)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, handle = excluded.handle, handle_local = excluded.handle_local,
       title = excluded.title, persona = excluded.persona, color = excluded.color, model = excluded.model, tools = excluded.tools,
       memory_enabled = excluded.memory_enabled, template = excluded.template, created_at = excluded.created_at,
       created_by = excluded.created_by, archived = excluded.archived`,
  ).run(
    dh.id,
    dh.name,
    dh.handle,
    dhHandleLocalPart(dh.handle),
    dh.title,
    dh.persona,
    dh.color,
    dh.model,
    JSON.stringify(dh.tools),
    dh.memoryEnabled ? 1 : 0,
    dh.template,
    dh.createdAt,
    dh.createdBy,
    dh.archived ? 1 : 0,
  );
}
