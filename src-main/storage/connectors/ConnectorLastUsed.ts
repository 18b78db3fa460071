/**
 * When each connector of a workspace was last used on this device
 * (`connector_last_used`, migration 12): `touch` is called by the tool gate
 * inside the audit entry's transaction (no commit of its own), `all` and
 * `of` feed the connector views (`lastUsedAt`). Statements are prepared once
 * per open database.
 */
import type { SqliteDb } from '../openSqlite';
import type { Statement } from 'better-sqlite3';

export class ConnectorLastUsed {
  private readonly touchStmt: Statement<[string, number]>;
  private readonly ofStmt: Statement<[string]>;
  private readonly allStmt: Statement<[]>;

  constructor(db: SqliteDb) {
    // A clock that went back never moves the time backwards.
    this.touchStmt = db.prepare(
      'INSERT INTO connector_last_used (connector_id, used_at) VALUES (?, ?) ON CONFLICT (connector_id) DO UPDATE SET used_at = max(used_at, excluded.used_at)',
    );
    this.ofStmt = db.prepare('SELECT used_at FROM connector_last_used WHERE connector_id = ?').pluck();
    this.allStmt = db.prepare('SELECT connector_id, used_at FROM connector_last_used');
  }

  /** Records that `connectorId` was used at `at` (ms). */
  touch(connectorId: string, at: number): void {
    this.touchStmt.run(connectorId, at);
  }

  /** When `connectorId` was last used (ms), null when never on this device. */
  of(connectorId: string): number | null {
    return (this.ofStmt.get(connectorId) as number | undefined) ?? null;
  }

  /** Every connector's last use: connector id → ms. */
  all(): Map<string, number> {
    const rows = this.allStmt.all() as { connector_id: string; used_at: number }[];
    return new Map(rows.map((r) => [r.connector_id, r.used_at]));
  }
}

/** `ms` as the ISO 8601 string the contract carries, null stays null. */
export function lastUsedIso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
