/**
 * The `token_usage` table of one workspace database (migration 8): tokens
 * counted per local day, digital human (`''` for none) and model. Local to
 * this device: each device counts what it spent itself.
 */
import type { SqliteDb } from '../openSqlite';

/** What one completed request used. */
export interface TokenUsageEntry {
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  /** `''` when no digital human made the request. */
  dhId: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** One row of the table: totals for a (day, DH, model). */
export interface TokenUsageRecord extends TokenUsageEntry {
  requests: number;
}

interface UsageRow {
  day: string;
  dh_id: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  requests: number;
}

/** Adds to and reads the token counters of a workspace database. */
export class TokenUsageStore {
  private readonly addStmt;
  private readonly listStmt;
  private readonly totalStmt;

  constructor(db: SqliteDb) {
    this.addStmt = db.prepare(
      `INSERT INTO token_usage (day, dh_id, model, prompt_tokens, completion_tokens, requests)
       VALUES (@day, @dhId, @model, @promptTokens, @completionTokens, 1)
       ON CONFLICT (day, dh_id, model) DO UPDATE SET prompt_tokens = prompt_tokens + excluded.prompt_tokens,
         completion_tokens = completion_tokens + excluded.completion_tokens, requests = requests + 1`,
    );
    this.listStmt = db.prepare<[string], UsageRow>(
      'SELECT day, dh_id, model, prompt_tokens, completion_tokens, requests FROM token_usage WHERE day >= ? ORDER BY day DESC, dh_id, model',
    );
    this.totalStmt = db.prepare<[string, string], { tokens: number | null }>(
      'SELECT SUM(prompt_tokens + completion_tokens) AS tokens FROM token_usage WHERE day = ? AND dh_id = ?',
    );
  }

  /** Counts one completed request (one statement: atomic, durable when it returns). */
  add(entry: TokenUsageEntry): void {
    this.addStmt.run({
      ...entry,
      promptTokens: Math.max(0, Math.round(entry.promptTokens)),
      completionTokens: Math.max(0, Math.round(entry.completionTokens)),
    });
  }

  /** Rows from local day `fromDay` on, newest day first. */
  listSince(fromDay: string): TokenUsageRecord[] {
    return this.listStmt.all(fromDay).map((r) => ({
      day: r.day,
      dhId: r.dh_id,
      model: r.model,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      requests: r.requests,
    }));
  }

  /** Tokens (prompt + completion) a digital human (`''` for none) used on `day`, every model together: what a daily quota checks. */
  tokensOn(day: string, dhId: string): number {
    return this.totalStmt.get(day, dhId)?.tokens ?? 0;
  }
}
