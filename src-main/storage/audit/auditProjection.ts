/**
 * Projection of the `audit` doc (format in auditDocFormat.ts) into
 * `audit_entries`, for the audit screen and `qwanyx audit`. Entries are only
 * added, so a change inserts the keys it touched.
 */
import { changedRootKeys } from '../changedRootKeys';
import type { SqliteDb } from '../openSqlite';
import { preparedStatement } from '../preparedStatement';
import type { Projection } from '../ProjectionRunner';
import { readAuditRecord, type AuditRecord } from './auditDocFormat';

function insert(db: SqliteDb, record: AuditRecord): void {
  preparedStatement(
    db,
    `INSERT INTO audit_entries (id, at, actor_kind, actor_id, on_behalf_of, action, resource, outcome, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(record.id, record.at, record.actorKind, record.actorId, record.onBehalfOf, record.action, record.resource, record.outcome, record.detail);
}

export const auditProjection: Projection = {
  name: 'audit_entries',
  version: 1,
  docName: 'audit',
  rebuild(db, doc) {
    db.prepare('DELETE FROM audit_entries').run();
    doc.getMap('entries').forEach((value, key) => {
      const record = readAuditRecord(key, value);
      if (record) insert(db, record);
    });
  },
  apply(db, doc, change) {
    const entries = doc.getMap('entries');
    for (const key of changedRootKeys(doc, change.transaction).get('entries') ?? []) {
      const record = readAuditRecord(key, entries.get(key));
      if (record) insert(db, record);
    }
  },
};
