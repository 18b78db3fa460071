/**
 * Write transactions that may await, on one better-sqlite3 handle shared by
 * several stores (`accounts.db`). A transaction's body awaits (the store API
 * is asynchronous for PostgreSQL's sake), and anything else run on the
 * handle meanwhile would land inside it (and roll back with it). So while
 * one is open, every other call of the stores on that handle waits for it
 * to end (`idle`), and transactions run one after the other. With none open,
 * `idle` is null and a call runs at once, without yielding.
 */
import type { RelaySqliteDb } from './openRelaySqlite';

export class SqliteTxGate {
  private open: Promise<void> | null = null;

  constructor(readonly db: RelaySqliteDb) {}

  /** Null when no transaction is open; else resolves when it ends. */
  get idle(): Promise<void> | null {
    return this.open;
  }

  /** Runs `fn` inside BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws), after any transaction already open. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    while (this.open) await this.open;
    let release: () => void = () => undefined;
    this.open = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn();
        this.db.exec('COMMIT');
        return value;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.open = null;
      release();
    }
  }
}
