/**
 * A PostgreSQL pool for the relay, with the schema migrated (pgDocSchema.ts,
 * under its advisory lock); throws with the server's reason when it cannot
 * connect or migrate, and leaves no pool open then. `applicationName` names
 * the node's connections in `pg_stat_activity`.
 */
import pg from 'pg';
import { migratePgDocSchema } from './pgDocSchema';

export async function openPgPool(url: string, poolSize: number, applicationName: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: applicationName });
  // A client that loses its server (restart, failover) emits 'error': idle ones on the pool, busy ones on
  // themselves, where an unheard error would end the process. The query under way rejects on its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await migratePgDocSchema(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pool;
}
