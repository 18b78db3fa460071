/**
 * PostgreSQL implementation of `AccountStore` (AccountStore.ts), shared by
 * every relay node (`RELAY_DATABASE_URL`; schema in pgAccountSchema.ts).
 * Every method is one statement, except a device's expiry push (a second
 * one, at most once a minute per device), so nothing here holds a
 * transaction open across round trips. BIGINT columns come back as strings
 * and are turned into numbers here.
 */
import type pg from 'pg';
import { deviceTouchDue, type AccountStore, type DeviceSession, type RelayDevice, type RelayUser, type StoredCode } from './AccountStore';

interface DeviceRow {
  id: string;
  name: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export class PgAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async userByEmail(email: string): Promise<RelayUser | null> {
    const result = await this.pool.query<RelayUser>('SELECT id, email FROM relay_users WHERE email = $1', [email]);
    return result.rows[0] ?? null;
  }

  async userById(id: string): Promise<RelayUser | null> {
    const result = await this.pool.query<RelayUser>('SELECT id, email FROM relay_users WHERE id = $1', [id]);
    return result.rows[0] ?? null;
  }

  async ensureUser(email: string, newId: string, now: number): Promise<RelayUser> {
    // Two nodes signing in the same new email at once: one insert wins, the other reads its row.
    const inserted = await this.pool.query<RelayUser>(
      'INSERT INTO relay_users (id, email, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id, email',
      [newId, email, now],
    );
    const user = inserted.rows[0] ?? (await this.userByEmail(email));
    if (!user) throw new Error(`the account of ${email} vanished while it was created`);
    return user;
  }

  async addDevice(input: { id: string; userId: string; name: string; tokenHash: string; now: number; ttlMs: number }): Promise<void> {
    await this.pool.query(
      'INSERT INTO relay_devices (id, user_id, name, token_hash, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)',
      [input.id, input.userId, input.name, input.tokenHash, input.now, input.now + input.ttlMs],
    );
  }

  async sessionByDeviceToken(tokenHash: string, now: number, ttlMs: number): Promise<DeviceSession | null> {
    const result = await this.pool.query<{ id: string; email: string; device_id: string; last_seen_at: string }>(
      `SELECT u.id, u.email, d.id AS device_id, d.last_seen_at FROM relay_devices d JOIN relay_users u ON u.id = d.user_id
       WHERE d.token_hash = $1 AND d.expires_at > $2`,
      [tokenHash, now],
    );
    const row = result.rows[0];
    if (!row) return null;
    if (deviceTouchDue(Number(row.last_seen_at), now, ttlMs)) await this.touch(row.device_id, now, ttlMs);
    return { user: { id: row.id, email: row.email }, deviceId: row.device_id };
  }

  async useDevice(deviceId: string, userId: string, now: number, ttlMs: number): Promise<boolean> {
    const result = await this.pool.query<{ user_id: string; last_seen_at: string }>('SELECT user_id, last_seen_at FROM relay_devices WHERE id = $1 AND expires_at > $2', [deviceId, now]);
    const row = result.rows[0];
    if (row?.user_id !== userId) return false;
    if (deviceTouchDue(Number(row.last_seen_at), now, ttlMs)) await this.touch(deviceId, now, ttlMs);
    return true;
  }

  async devicesOf(userId: string, now: number): Promise<RelayDevice[]> {
    const result = await this.pool.query<DeviceRow>(
      'SELECT id, name, created_at, last_seen_at, expires_at FROM relay_devices WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at, id',
      [userId, now],
    );
    return result.rows.map((d) => ({ id: d.id, name: d.name, createdAt: Number(d.created_at), lastSeenAt: Number(d.last_seen_at), expiresAt: Number(d.expires_at) }));
  }

  async deleteDevice(deviceId: string, userId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM relay_devices WHERE id = $1 AND user_id = $2', [deviceId, userId]);
    return (result.rowCount ?? 0) > 0;
  }

  async deleteExpiredDevices(now: number): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>('DELETE FROM relay_devices WHERE expires_at <= $1 RETURNING id', [now]);
    return result.rows.map((row) => row.id);
  }

  async failedChecks(key: string, day: number): Promise<number> {
    const result = await this.pool.query<{ count: number }>('SELECT count FROM relay_failed_checks WHERE key = $1 AND day = $2', [key, day]);
    return result.rows[0]?.count ?? 0;
  }

  async countFailedCheck(keys: readonly string[], day: number): Promise<void> {
    // Forgetting days before yesterday and counting today touch different rows: one statement does both.
    await this.pool.query(
      `WITH old AS (DELETE FROM relay_failed_checks WHERE day < $2 - 1)
       INSERT INTO relay_failed_checks (key, day, count) SELECT k, $2, 1 FROM unnest($1::text[]) AS k
       ON CONFLICT (key, day) DO UPDATE SET count = relay_failed_checks.count + 1`,
      [[...new Set(keys)], day],
    );
  }

  async putCode(email: string, codeHash: string, expiresAt: number, now: number): Promise<void> {
    await this.pool.query(
      `WITH old AS (DELETE FROM relay_login_codes WHERE expires_at < $4 AND email <> $1)
       INSERT INTO relay_login_codes (email, code_hash, expires_at, attempts) VALUES ($1, $2, $3, 0)
       ON CONFLICT (email) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0`,
      [email, codeHash, expiresAt, now - 24 * 3600_000],
    );
  }

  async code(email: string): Promise<StoredCode | null> {
    const result = await this.pool.query<{ code_hash: string; expires_at: string; attempts: number }>('SELECT code_hash, expires_at, attempts FROM relay_login_codes WHERE email = $1', [email]);
    const row = result.rows[0];
    return row ? { codeHash: row.code_hash, expiresAt: Number(row.expires_at), attempts: row.attempts } : null;
  }

  async claimAttempt(email: string, now: number, maxAttempts: number): Promise<{ codeHash: string; attempts: number } | null> {
    const result = await this.pool.query<{ code_hash: string; attempts: number }>(
      'UPDATE relay_login_codes SET attempts = attempts + 1 WHERE email = $1 AND expires_at > $2 AND attempts < $3 RETURNING code_hash, attempts',
      [email, now, maxAttempts],
    );
    const row = result.rows[0];
    return row ? { codeHash: row.code_hash, attempts: row.attempts } : null;
  }

  async deleteCode(email: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM relay_login_codes WHERE email = $1', [email]);
    return (result.rowCount ?? 0) > 0;
  }

  private async touch(deviceId: string, now: number, ttlMs: number): Promise<void> {
    await this.pool.query('UPDATE relay_devices SET last_seen_at = $2, expires_at = $3 WHERE id = $1', [deviceId, now, now + ttlMs]);
  }
}
