/**
 * The blob ledger (BlobLedger.ts) of a relay of several nodes, in the
 * PostgreSQL they share: `relay_blob_bytes` holds each workspace's kept
 * blobs and reserved uploads, `relay_blob_leases` who uploads what. A
 * reservation runs in one transaction under the workspace's advisory lock,
 * so two nodes checking the same quota at once see each other's bytes.
 * The tables are created here (IF NOT EXISTS, under an advisory lock) rather
 * than as a numbered migration: only relays that keep files in S3 need them.
 */
import type pg from 'pg';
import type { BlobLedger } from './BlobLedger';

/** Arbitrary key of the advisory lock held while creating the tables. */
const SCHEMA_LOCK = 7_358_114_377;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS relay_blob_bytes (
    workspace_id TEXT NOT NULL,
    item TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, item)
  );
  CREATE TABLE IF NOT EXISTS relay_blob_leases (key TEXT PRIMARY KEY, until_ms BIGINT NOT NULL);`;

export class PgBlobLedger implements BlobLedger {
  private constructor(private readonly pool: pg.Pool) {}

  /** Creates the tables when missing; the pool is the caller's to end (through `close`). */
  static async open(pool: pg.Pool): Promise<PgBlobLedger> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query(SCHEMA);
    });
    return new PgBlobLedger(pool);
  }

  async stored(workspaceId: string): Promise<number> {
    const result = await this.pool.query<{ bytes: string }>("SELECT coalesce(sum(bytes), 0) AS bytes FROM relay_blob_bytes WHERE workspace_id = $1 AND item LIKE 'data/%'", [workspaceId]);
    return Number(result.rows[0]?.bytes ?? 0);
  }

  reserve(workspaceId: string, item: string, bytes: number, quota: number): Promise<{ fits: boolean; stored: number }> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('relay-blobs:' || $1, 0))", [workspaceId]);
      const sums = await client.query<{ stored: string; others: string }>(
        "SELECT coalesce(sum(bytes) FILTER (WHERE item LIKE 'data/%'), 0) AS stored, coalesce(sum(bytes) FILTER (WHERE item <> $2), 0) AS others FROM relay_blob_bytes WHERE workspace_id = $1",
        [workspaceId, item],
      );
      const stored = Number(sums.rows[0]?.stored ?? 0);
      if (Number(sums.rows[0]?.others ?? 0) + bytes > quota) return { fits: false, stored };
      await client.query('INSERT INTO relay_blob_bytes (workspace_id, item, bytes) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, item) DO UPDATE SET bytes = EXCLUDED.bytes', [workspaceId, item, bytes]);
      return { fits: true, stored };
    });
  }

  settle(workspaceId: string, from: string, to: { item: string; bytes: number } | null): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM relay_blob_bytes WHERE workspace_id = $1 AND item = $2', [workspaceId, from]);
      if (to) await client.query('INSERT INTO relay_blob_bytes (workspace_id, item, bytes) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, item) DO UPDATE SET bytes = EXCLUDED.bytes', [workspaceId, to.item, to.bytes]);
    });
  }

  async dropHash(workspaceId: string, hash: string): Promise<void> {
    await this.pool.query("DELETE FROM relay_blob_bytes WHERE workspace_id = $1 AND (item = 'data/' || $2 OR (item LIKE 'partial/%' AND right(item, 65) = '.' || $2))", [workspaceId, hash]);
  }

  async dropWorkspace(workspaceId: string): Promise<void> {
    await this.pool.query('DELETE FROM relay_blob_bytes WHERE workspace_id = $1', [workspaceId]);
  }

  async lease(key: string, ms: number): Promise<(() => Promise<void>) | null> {
    const now = Date.now();
    const until = now + ms;
    // Taken when free or when its holder's time ran out (a node that died mid-chunk).
    const taken = await this.pool.query(
      'INSERT INTO relay_blob_leases (key, until_ms) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET until_ms = EXCLUDED.until_ms WHERE relay_blob_leases.until_ms < $3 RETURNING key',
      [key, until, now],
    );
    if (taken.rowCount === 0) return null;
    return async () => {
      await this.pool.query('DELETE FROM relay_blob_leases WHERE key = $1 AND until_ms = $2', [key, until]);
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
