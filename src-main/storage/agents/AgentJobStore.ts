/**
 * The agent runtime's durable outbox (`agent_jobs`, local to this device):
 * one row per trigger this device answers. A job is written before any work
 * starts, so a crash or a restart finds it again; `claim_key` is unique, so
 * a trigger seen twice (live, then by a rebuild) makes one job.
 *
 * States: `waiting` (a teammate's device may answer: wait before claiming),
 * `queued` (ready at `next_at`), `running`, `done`, `failed`, `skipped`
 * (another device answers).
 */
import type { SqliteDb } from '../openSqlite';
import { preparedStatement } from '../preparedStatement';

export type AgentJobState = 'waiting' | 'queued' | 'running' | 'done' | 'failed' | 'skipped';
export type AgentJobKind = 'mention' | 'dm' | 'task' | 'reminder';

/** A job of the outbox. */
export interface AgentJob {
  id: string;
  kind: AgentJobKind;
  dhId: string;
  roomId: string;
  threadRootId: string | null;
  /** The message (mention, DM) or the task (hand-off, reminder) that triggered it. */
  triggerId: string;
  claimKey: string;
  /** The DH's message that holds the reply (created on the first attempt). */
  replyId: string | null;
  state: AgentJobState;
  attempts: number;
  nextAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  /** The person the job acts for (who wrote the trigger, or whose turn handed the work on); null for a reminder. */
  onBehalfOf: string | null;
}

interface JobRow {
  id: string;
  kind: AgentJobKind;
  dh_id: string;
  room_id: string;
  thread_root_id: string | null;
  trigger_id: string;
  claim_key: string;
  reply_id: string | null;
  state: AgentJobState;
  attempts: number;
  next_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  on_behalf_of: string | null;
}

function toJob(row: JobRow): AgentJob {
  return {
    id: row.id,
    kind: row.kind,
    dhId: row.dh_id,
    roomId: row.room_id,
    threadRootId: row.thread_root_id,
    triggerId: row.trigger_id,
    claimKey: row.claim_key,
    replyId: row.reply_id,
    state: row.state,
    attempts: row.attempts,
    nextAt: row.next_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    onBehalfOf: row.on_behalf_of,
  };
}

export class AgentJobStore {
  constructor(private readonly db: SqliteDb) {}

  /** Adds `job` unless its claim key is known; returns whether it was added. */
  insert(job: AgentJob): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO agent_jobs (id, kind, dh_id, room_id, thread_root_id, trigger_id, claim_key, reply_id, state, attempts, next_at, last_error, created_at, updated_at, on_behalf_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (claim_key) DO NOTHING`,
      )
      .run(job.id, job.kind, job.dhId, job.roomId, job.threadRootId, job.triggerId, job.claimKey, job.replyId, job.state, job.attempts, job.nextAt, job.lastError, job.createdAt, job.updatedAt, job.onBehalfOf);
    return result.changes === 1;
  }

  get(id: string): AgentJob | null {
    const row = this.db.prepare('SELECT * FROM agent_jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  byClaimKey(claimKey: string): AgentJob | null {
    const row = this.db.prepare('SELECT * FROM agent_jobs WHERE claim_key = ?').get(claimKey) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  hasClaimKey(claimKey: string): boolean {
    return this.db.prepare('SELECT 1 FROM agent_jobs WHERE claim_key = ?').get(claimKey) !== undefined;
  }

  /** Changes some fields of job `id`. */
  update(id: string, patch: Partial<Pick<AgentJob, 'state' | 'attempts' | 'nextAt' | 'lastError' | 'replyId'>>, now: number): void {
    const job = this.get(id);
    if (!job) return;
    const next = { ...job, ...patch };
    this.db
      .prepare('UPDATE agent_jobs SET state = ?, attempts = ?, next_at = ?, last_error = ?, reply_id = ?, updated_at = ? WHERE id = ?')
      .run(next.state, next.attempts, next.nextAt, next.lastError, next.replyId, now, id);
  }

  /** Jobs in `states`, soonest first. */
  list(states: readonly AgentJobState[], limit = 200): AgentJob[] {
    const marks = states.map(() => '?').join(', ');
    const rows = this.db.prepare(`SELECT * FROM agent_jobs WHERE state IN (${marks}) ORDER BY next_at, created_at LIMIT ?`).all(...states, limit) as JobRow[];
    return rows.map(toJob);
  }

  /** The most recent jobs, newest first (for the UI and the CLI). */
  recent(limit: number): AgentJob[] {
    return (this.db.prepare('SELECT * FROM agent_jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }

  /** Jobs left `running` by a process that stopped: they run again. */
  requeueRunning(now: number): number {
    return this.db.prepare("UPDATE agent_jobs SET state = 'queued', next_at = ?, updated_at = ? WHERE state = 'running'").run(now, now).changes;
  }

  /** This device's id for claims, created on first use. */
  deviceId(newId: () => string): string {
    const found = this.db.prepare('SELECT id FROM agent_device LIMIT 1').pluck().get() as string | undefined;
    if (found) return found;
    const id = newId();
    this.db.prepare('INSERT INTO agent_device (id) VALUES (?)').run(id);
    return id;
  }

  /** Adds one to today's count of `action` for a DH and returns the new count (run inside the audit entry's transaction by the tool gate). */
  bumpQuota(day: string, dhId: string, action: string): number {
    return preparedStatement(
      this.db,
      'INSERT INTO agent_quota (day, dh_id, action, count) VALUES (?, ?, ?, 1) ON CONFLICT (day, dh_id, action) DO UPDATE SET count = count + 1 RETURNING count',
      true,
    ).get(day, dhId, action) as number;
  }

  /** Today's count of `action` for a DH. */
  quota(day: string, dhId: string, action: string): number {
    return (preparedStatement(this.db, 'SELECT count FROM agent_quota WHERE day = ? AND dh_id = ? AND action = ?', true).get(day, dhId, action) as number | undefined) ?? 0;
  }
}
