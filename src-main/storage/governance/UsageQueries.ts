/** Reads of what digital humans used, from the audit trail's projection (`audit_entries`, action `agent.usage`). */
import type { SqliteDb } from '../openSqlite';
import { readUsageDetail, USAGE_ACTION, type UsageCounts } from './usageRecordFormat';

/** One readable usage entry. */
export interface UsageRow extends UsageCounts {
  at: number;
  dhId: string;
  memberId: string | null;
}

export class UsageQueries {
  constructor(private readonly db: SqliteDb) {}

  /** Every usage entry at or after `since` (ms), oldest first; unreadable details are skipped. */
  since(since: number): UsageRow[] {
    const rows = this.db
      .prepare('SELECT at, actor_id, on_behalf_of, detail FROM audit_entries WHERE at >= ? AND action = ? ORDER BY at')
      .all(since, USAGE_ACTION) as { at: number; actor_id: string; on_behalf_of: string | null; detail: string }[];
    const out: UsageRow[] = [];
    for (const r of rows) {
      const counts = readUsageDetail(r.detail);
      if (counts) out.push({ ...counts, at: r.at, dhId: r.actor_id, memberId: r.on_behalf_of });
    }
    return out;
  }
}
