/**
 * Actions of digital humans held for confirmation (`agent_approvals`, local
 * to the device that holds the job; what other devices show of them is in
 * the room doc, storage/agents/approvalDocFormat.ts). One row per held tool call: the exact call the model
 * asked for (tool name and JSON arguments) and where it came from, so an
 * approval runs that call and nothing else. A row is decided once:
 * `pending` → `approved` (then `done` or `failed`), `denied` or `expired`.
 */
import type { SqliteDb } from '../openSqlite';

export type ApprovalState = 'pending' | 'done' | 'failed' | 'denied' | 'expired';

export interface ApprovalRecord {
  id: string;
  jobId: string;
  dhId: string;
  roomId: string;
  threadRootId: string | null;
  /** The DH's message of the turn that asked (where the room shows the request). */
  replyId: string | null;
  triggerMessageId: string | null;
  /** The person who must decide: who triggered the turn. */
  requestedFor: string;
  tool: string;
  /** The call's arguments, as the model wrote them (JSON text). */
  arguments: string;
  /** Why confirmation is needed: the kinds of untrusted text in the context. */
  reasons: string[];
  state: ApprovalState;
  /** What running it gave, or why it failed (short text). */
  result: string | null;
  createdAt: number;
  decidedAt: number | null;
}

interface ApprovalRow {
  id: string;
  job_id: string;
  dh_id: string;
  room_id: string;
  thread_root_id: string | null;
  reply_id: string | null;
  trigger_message_id: string | null;
  requested_for: string;
  tool: string;
  arguments: string;
  reasons: string;
  state: ApprovalState;
  result: string | null;
  created_at: number;
  decided_at: number | null;
}

function parseReasons(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toRecord(row: ApprovalRow): ApprovalRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    dhId: row.dh_id,
    roomId: row.room_id,
    threadRootId: row.thread_root_id,
    replyId: row.reply_id,
    triggerMessageId: row.trigger_message_id,
    requestedFor: row.requested_for,
    tool: row.tool,
    arguments: row.arguments,
    reasons: parseReasons(row.reasons),
    state: row.state,
    result: row.result,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export class ApprovalStore {
  constructor(private readonly db: SqliteDb) {}

  insert(r: ApprovalRecord): void {
    this.db
      .prepare(
        `INSERT INTO agent_approvals (id, job_id, dh_id, room_id, thread_root_id, reply_id, trigger_message_id, requested_for, tool, arguments, reasons, state, result, created_at, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.id, r.jobId, r.dhId, r.roomId, r.threadRootId, r.replyId, r.triggerMessageId, r.requestedFor, r.tool, r.arguments, JSON.stringify(r.reasons), r.state, r.result, r.createdAt, r.decidedAt);
  }

  get(id: string): ApprovalRecord | null {
    const row = this.db.prepare('SELECT * FROM agent_approvals WHERE id = ?').get(id) as ApprovalRow | undefined;
    return row ? toRecord(row) : null;
  }

  /**
   * Moves a pending row to `state`; returns false when it was no longer
   * pending (decided elsewhere a moment before), so a call runs at most once.
   */
  decide(id: string, state: Exclude<ApprovalState, 'pending'>, result: string | null, now: number): boolean {
    return this.db.prepare("UPDATE agent_approvals SET state = ?, result = ?, decided_at = ? WHERE id = ? AND state = 'pending'").run(state, result, now, id).changes === 1;
  }

  /** Records what running an approved call gave. */
  finish(id: string, state: 'done' | 'failed', result: string): void {
    this.db.prepare('UPDATE agent_approvals SET state = ?, result = ? WHERE id = ?').run(state, result, id);
  }

  /** The most recent rows, newest first, of a room or of the whole workspace. */
  list(roomId: string | null, limit: number): ApprovalRecord[] {
    const rows = (
      roomId === null
        ? this.db.prepare('SELECT * FROM agent_approvals ORDER BY created_at DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM agent_approvals WHERE room_id = ? ORDER BY created_at DESC LIMIT ?').all(roomId, limit)
    ) as ApprovalRow[];
    return rows.map(toRecord);
  }

  /** Every pending row (a decision for it may have arrived from another device). */
  pending(): ApprovalRecord[] {
    return (this.db.prepare("SELECT * FROM agent_approvals WHERE state = 'pending'").all() as ApprovalRow[]).map(toRecord);
  }

  /** Pending rows created before `before`: they expire. */
  stale(before: number): ApprovalRecord[] {
    return (this.db.prepare("SELECT * FROM agent_approvals WHERE state = 'pending' AND created_at < ?").all(before) as ApprovalRow[]).map(toRecord);
  }
}
