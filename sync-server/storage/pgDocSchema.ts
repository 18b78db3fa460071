/**
 * Schema of the relay's durable log (format: PgDocPersistence.ts; migrations 1 and 4)
 * and of its accounts (pgAccountSchema.ts; migrations 2 and 3) in PostgreSQL, as
 * numbered migrations recorded in `relay_schema_migrations`. Nodes that
 * start together take a transaction-level advisory lock, so exactly one
 * applies each migration; a database whose schema is newer than this relay
 * knows is refused with a clear error.
 */
import type pg from 'pg';
import { ConfigError } from '../RelayError';
import { PG_ACCOUNT_MIGRATION, PG_ERASED_WORKSPACES_MIGRATION } from './pgAccountSchema';

/** Arbitrary key of the advisory lock held while migrating. */
const MIGRATION_LOCK = 7_358_114_201;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE relay_docs (
     id BIGSERIAL PRIMARY KEY,
     workspace_id TEXT NOT NULL,
     doc_name TEXT NOT NULL,
     UNIQUE (workspace_id, doc_name)
   );
   CREATE TABLE relay_updates (
     seq BIGSERIAL PRIMARY KEY,
     doc_id BIGINT NOT NULL REFERENCES relay_docs (id),
     entry_id TEXT,
     data BYTEA NOT NULL
   );
   CREATE INDEX relay_updates_doc ON relay_updates (doc_id, seq);
   CREATE UNIQUE INDEX relay_updates_entry ON relay_updates (doc_id, entry_id);
   CREATE TABLE relay_snapshots (
     doc_id BIGINT PRIMARY KEY REFERENCES relay_docs (id),
     data BYTEA NOT NULL
   );
   CREATE TABLE relay_writer_bytes (
     workspace_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     bytes BIGINT NOT NULL,
     PRIMARY KEY (workspace_id, user_id)
   );`,
  PG_ACCOUNT_MIGRATION,
  PG_ERASED_WORKSPACES_MIGRATION,
  // 4: writer bytes per doc (PgDocPersistence.ts): a commit locks only rows of the docs it already holds the lock of.
  `CREATE TABLE relay_doc_writer_bytes (
     doc_id BIGINT NOT NULL REFERENCES relay_docs (id),
     user_id TEXT NOT NULL,
     bytes BIGINT NOT NULL,
     PRIMARY KEY (doc_id, user_id)
   );`,
];

/** Applies the migrations `pool`'s database lacks. */
export async function migratePgDocSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS relay_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM relay_schema_migrations');
    const current = result.rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new ConfigError(`the relay database is at schema version ${current}, newer than this relay (${MIGRATIONS.length}); run a newer relay`);
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO relay_schema_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
