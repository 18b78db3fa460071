/** Reads of the audit trail's projection (`audit_entries`), newest first. */
import type { SqliteDb } from '../openSqlite';
import type { AuditRecord } from './auditDocFormat';

/** An entry as the trail's screen and `qwanyx audit` list it (the chain fields are read from the doc by verification). */
export type ListedAuditRecord = Omit<AuditRecord, 'by' | 'link'>;

interface AuditRow {
  seq: number;
  id: string;
  at: number;
  actor_kind: AuditRecord['actorKind'];
  actor_id: string;
  on_behalf_of: string | null;
  action: string;
  resource: string;
  outcome: AuditRecord['outcome'];
  detail: string;
}

export class AuditQueries {
  constructor(private readonly db: SqliteDb) {}

  /** Up to `limit` entries before `beforeAt` (all when null), newest first; `actorId` filters. */
  list(limit: number, beforeAt: number | null, actorId: string | null): ListedAuditRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_entries WHERE (? IS NULL OR at < ?) AND (? IS NULL OR actor_id = ?) ORDER BY at DESC, seq DESC LIMIT ?`,
      )
      .all(beforeAt, beforeAt, actorId, actorId, limit) as AuditRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      onBehalfOf: r.on_behalf_of,
      action: r.action,
      resource: r.resource,
      outcome: r.outcome,
      detail: r.detail,
    }));
  }
}
