/**
 * SQLite implementation of `AccountStore` (AccountStore.ts) on `accounts.db`
 * (schema in relayMigrations.ts). The statements run synchronously; a call
 * waits only while a workspace transaction holds the same handle
 * (SqliteTxGate.ts), checking again after each wait and then running
 * without yielding, so it never lands inside someone else's transaction.
 */
import { deviceTouchDue, type AccountStore, type DeviceSession, type RelayDevice, type RelayUser, type StoredCode } from './AccountStore';
import type { RelaySqliteDb } from './openRelaySqlite';
import type { SqliteTxGate } from './SqliteTxGate';

export class SqliteAccountStore implements AccountStore {
  private readonly stmts;
  private readonly db: RelaySqliteDb;

  constructor(private readonly gate: SqliteTxGate) {
    const db = gate.db;
    this.db = db;
    this.stmts = {
      userByEmail: db.prepare('SELECT id, email FROM users WHERE email = ?'),
      userById: db.prepare('SELECT id, email FROM users WHERE id = ?'),
      insertUser: db.prepare('INSERT INTO users (id, email, created_at) VALUES (?, ?, ?)'),
      insertDevice: db.prepare('INSERT INTO devices (id, user_id, name, token_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      deviceUser: db.prepare(
        `SELECT users.id AS id, users.email AS email, devices.id AS deviceId, devices.last_seen_at AS lastSeenAt
         FROM devices JOIN users ON users.id = devices.user_id WHERE devices.token_hash = ? AND devices.expires_at > ?`,
      ),
      deviceById: db.prepare('SELECT user_id AS userId, last_seen_at AS lastSeenAt FROM devices WHERE id = ? AND expires_at > ?'),
      touchDevice: db.prepare('UPDATE devices SET last_seen_at = ?, expires_at = ? WHERE id = ?'),
      devicesOf: db.prepare(
        'SELECT id, name, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt FROM devices WHERE user_id = ? AND expires_at > ? ORDER BY created_at',
      ),
      deleteDevice: db.prepare('DELETE FROM devices WHERE id = ? AND user_id = ?'),
      expiredDevices: db.prepare('SELECT id FROM devices WHERE expires_at <= ?'),
      deleteExpiredDevices: db.prepare('DELETE FROM devices WHERE expires_at <= ?'),
      failedChecks: db.prepare('SELECT count FROM failed_checks WHERE key = ? AND day = ?'),
      countFailedCheck: db.prepare(
        'INSERT INTO failed_checks (key, day, count) VALUES (?, ?, 1) ON CONFLICT (key, day) DO UPDATE SET count = count + 1',
      ),
      deleteOldFailedChecks: db.prepare('DELETE FROM failed_checks WHERE day < ?'),
      upsertCode: db.prepare(
        `INSERT INTO login_codes (email, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)
         ON CONFLICT (email) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0`,
      ),
      code: db.prepare('SELECT code_hash AS codeHash, expires_at AS expiresAt, attempts FROM login_codes WHERE email = ?'),
      claimAttempt: db.prepare('UPDATE login_codes SET attempts = attempts + 1 WHERE email = ? AND expires_at > ? AND attempts < ? RETURNING code_hash AS codeHash, attempts'),
      deleteCode: db.prepare('DELETE FROM login_codes WHERE email = ?'),
      deleteExpiredCodes: db.prepare('DELETE FROM login_codes WHERE expires_at < ?'),
    };
  }

  async userByEmail(email: string): Promise<RelayUser | null> {
    while (this.gate.idle) await this.gate.idle;
    return this.userRow(email);
  }

  async userById(id: string): Promise<RelayUser | null> {
    while (this.gate.idle) await this.gate.idle;
    return (this.stmts.userById.get(id) as RelayUser | undefined) ?? null;
  }

  async ensureUser(email: string, newId: string, now: number): Promise<RelayUser> {
    while (this.gate.idle) await this.gate.idle;
    return this.db
      .transaction((): RelayUser => {
        const existing = this.userRow(email);
        if (existing) return existing;
        this.stmts.insertUser.run(newId, email, now);
        return { id: newId, email };
      })
      .immediate();
  }

  async addDevice(input: { id: string; userId: string; name: string; tokenHash: string; now: number; ttlMs: number }): Promise<void> {
    while (this.gate.idle) await this.gate.idle;
    this.stmts.insertDevice.run(input.id, input.userId, input.name, input.tokenHash, input.now, input.now, input.now + input.ttlMs);
  }

  async sessionByDeviceToken(tokenHash: string, now: number, ttlMs: number): Promise<DeviceSession | null> {
    while (this.gate.idle) await this.gate.idle;
    const row = this.stmts.deviceUser.get(tokenHash, now) as (RelayUser & { deviceId: string; lastSeenAt: number }) | undefined;
    if (!row) return null;
    if (deviceTouchDue(row.lastSeenAt, now, ttlMs)) this.stmts.touchDevice.run(now, now + ttlMs, row.deviceId);
    return { user: { id: row.id, email: row.email }, deviceId: row.deviceId };
  }

  async useDevice(deviceId: string, userId: string, now: number, ttlMs: number): Promise<boolean> {
    while (this.gate.idle) await this.gate.idle;
    const row = this.stmts.deviceById.get(deviceId, now) as { userId: string; lastSeenAt: number } | undefined;
    if (row?.userId !== userId) return false;
    if (deviceTouchDue(row.lastSeenAt, now, ttlMs)) this.stmts.touchDevice.run(now, now + ttlMs, deviceId);
    return true;
  }

  async devicesOf(userId: string, now: number): Promise<RelayDevice[]> {
    while (this.gate.idle) await this.gate.idle;
    return this.stmts.devicesOf.all(userId, now) as RelayDevice[];
  }

  async deleteDevice(deviceId: string, userId: string): Promise<boolean> {
    while (this.gate.idle) await this.gate.idle;
    return this.stmts.deleteDevice.run(deviceId, userId).changes > 0;
  }

  async deleteExpiredDevices(now: number): Promise<string[]> {
    while (this.gate.idle) await this.gate.idle;
    return this.db
      .transaction((): string[] => {
        const ids = (this.stmts.expiredDevices.all(now) as { id: string }[]).map((row) => row.id);
        if (ids.length > 0) this.stmts.deleteExpiredDevices.run(now);
        return ids;
      })
      .immediate();
  }

  async failedChecks(key: string, day: number): Promise<number> {
    while (this.gate.idle) await this.gate.idle;
    return (this.stmts.failedChecks.get(key, day) as { count: number } | undefined)?.count ?? 0;
  }

  async countFailedCheck(keys: readonly string[], day: number): Promise<void> {
    while (this.gate.idle) await this.gate.idle;
    this.db.transaction(() => {
      this.stmts.deleteOldFailedChecks.run(day - 1);
      for (const key of keys) this.stmts.countFailedCheck.run(key, day);
    })();
  }

  async putCode(email: string, codeHash: string, expiresAt: number, now: number): Promise<void> {
    while (this.gate.idle) await this.gate.idle;
    this.db.transaction(() => {
      this.stmts.deleteExpiredCodes.run(now - 24 * 3600_000);
      this.stmts.upsertCode.run(email, codeHash, expiresAt);
    })();
  }

  async code(email: string): Promise<StoredCode | null> {
    while (this.gate.idle) await this.gate.idle;
    return (this.stmts.code.get(email) as StoredCode | undefined) ?? null;
  }

  async claimAttempt(email: string, now: number, maxAttempts: number): Promise<{ codeHash: string; attempts: number } | null> {
    while (this.gate.idle) await this.gate.idle;
    return (this.stmts.claimAttempt.get(email, now, maxAttempts) as { codeHash: string; attempts: number } | undefined) ?? null;
  }

  async deleteCode(email: string): Promise<boolean> {
    while (this.gate.idle) await this.gate.idle;
    return this.stmts.deleteCode.run(email).changes > 0;
  }

  private userRow(email: string): RelayUser | null {
    return (this.stmts.userByEmail.get(email) as RelayUser | undefined) ?? null;
  }
}
