/**
 * `relay migrate-accounts --from <dataDir> [--dry-run]`: the one-shot move
 * of a relay's accounts (and the tombstones of workspaces erased from it)
 * from SQLite to PostgreSQL (storage/migrateSqliteAccounts.ts),
 * for a relay switched to `RELAY_DATABASE_URL`, so nobody has to sign in
 * again. Reads `<dataDir>/accounts.db` and `member-ids.db`, writes to the
 * PostgreSQL of `RELAY_DATABASE_URL` (its schema created when missing), and
 * prints what it copied, found already there, or left out, and why. Safe to
 * run again, and while relay nodes run on that database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './RelayError';
import { MIGRATED_TABLES, copyAccountsToPg, readSqliteAccounts, AccountSourceError, type AccountMigrationReport } from './storage/migrateSqliteAccounts';
import { openPgPool } from './storage/openPgPool';

/** The command's arguments, as parseArgs gives them. */
export const migrateAccountsArgsSchema = z.object({
  from: z.string({ error: '--from <dataDir> is required: the data dir of the relay that ran on SQLite' }).min(1, '--from must not be empty'),
  'dry-run': z.boolean().optional(),
});

/** Checks `--from` names a folder holding `accounts.db`; throws a `ConfigError` saying what is wrong. */
export function checkSourceDir(from: string): string {
  const dir = path.resolve(from);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new ConfigError(`--from ${from}: no such folder`);
  }
  if (!stat.isDirectory()) throw new ConfigError(`--from ${from}: not a folder (give the relay's data dir, not a file in it)`);
  if (!fs.existsSync(path.join(dir, 'accounts.db'))) throw new ConfigError(`--from ${from}: no accounts.db in it; is it the data dir of a relay that ran on SQLite?`);
  return dir;
}

const databaseUrlSchema = z.url({ protocol: /^postgres(ql)?$/, error: 'RELAY_DATABASE_URL must be a postgres:// or postgresql:// URL' });

/** Copies the accounts of `from` into the PostgreSQL at `databaseUrl` (RELAY_DATABASE_URL; RELAY_REDIS_URL is not needed here). */
export async function runMigrateAccountsCommand(input: { from: string; databaseUrl: string | undefined; dryRun: boolean }): Promise<AccountMigrationReport> {
  if (input.databaseUrl === undefined || input.databaseUrl === '') throw new ConfigError('RELAY_DATABASE_URL is not set: it names the PostgreSQL the accounts move to');
  const url = databaseUrlSchema.safeParse(input.databaseUrl);
  if (!url.success) throw new ConfigError(url.error.issues[0]?.message ?? 'RELAY_DATABASE_URL is not a PostgreSQL URL');
  const dir = checkSourceDir(input.from);
  let data;
  try {
    data = readSqliteAccounts(dir);
  } catch (err) {
    if (err instanceof AccountSourceError) throw new ConfigError(err.message);
    throw err;
  }
  let pool;
  try {
    pool = await openPgPool(url.data, 1, 'qwanyx-relay-migrate-accounts');
  } catch (err) {
    throw new ConfigError(`RELAY_DATABASE_URL: PostgreSQL cannot be used (${(err as Error).message.split('\n')[0]})`);
  }
  try {
    return await copyAccountsToPg(pool, data, { dryRun: input.dryRun });
  } finally {
    await pool.end();
  }
}

/** The report as lines for the operator. */
export function formatMigrationReport(report: AccountMigrationReport, from: string): string {
  const lines = [`${report.dryRun ? 'Dry run (nothing written): would copy' : 'Copied'} the accounts of ${from} to PostgreSQL:`];
  for (const table of MIGRATED_TABLES) {
    const c = report.tables[table];
    lines.push(`  ${table.padEnd(16)} ${String(c.copied).padStart(6)} copied, ${String(c.present).padStart(6)} already there, ${String(c.skipped).padStart(6)} left out`);
  }
  if (report.conflicts.length === 0) lines.push('No conflicts.');
  else {
    lines.push(`${report.conflicts.length} conflict(s); these rows (and what depends on them) were not copied:`);
    for (const conflict of report.conflicts) lines.push(`  - ${conflict}`);
  }
  return lines.join('\n');
}
