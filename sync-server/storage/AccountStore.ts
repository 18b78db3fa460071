/**
 * Users, devices and one-time codes in `accounts.db` (schema in
 * relayMigrations.ts). Plain SQL, no rules: the rules live in AuthService.
 */
import type { RelaySqliteDb } from './openRelaySqlite';

/** A relay account, identified by its email. */
export interface RelayUser {
  id: string;
  email: string;
}

/** A signed-in device of a user, as `GET /v1/devices` lists it. Times are ms since the epoch. */
export interface RelayDevice {
  id: string;
  name: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** A device token's owner and device. */
export interface DeviceSession {
  user: RelayUser;
  deviceId: string;
}

/** A device's expiry is pushed again at most once a minute (a write per minute of use, not per request), or a quarter of its lifetime when shorter. */
function touchEvery(ttlMs: number): number {
  return Math.min(60_000, ttlMs / 4);
}

/** The pending one-time code of an email. */
export interface StoredCode {
  codeHash: string;
  expiresAt: number;
  attempts: number;
}

export class AccountStore {
  private readonly stmts;

  constructor(private readonly db: RelaySqliteDb) {
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
      countAttempt: db.prepare('UPDATE login_codes SET attempts = attempts + 1 WHERE email = ?'),
      deleteCode: db.prepare('DELETE FROM login_codes WHERE email = ?'),
      deleteExpiredCodes: db.prepare('DELETE FROM login_codes WHERE expires_at < ?'),
    };
  }

  /** The user with `email`, or null. */
  userByEmail(email: string): RelayUser | null {
    return (this.stmts.userByEmail.get(email) as RelayUser | undefined) ?? null;
  }

  /** The user with `id`, or null. */
  userById(id: string): RelayUser | null {
    return (this.stmts.userById.get(id) as RelayUser | undefined) ?? null;
  }

  /** The user with `email`, created with `newId` when missing. */
  ensureUser(email: string, newId: string, now: number): RelayUser {
    return this.db
      .transaction((): RelayUser => {
        const existing = this.userByEmail(email);
        if (existing) return existing;
        this.stmts.insertUser.run(newId, email, now);
        return { id: newId, email };
      })
      .immediate();
  }

  /** Records a device of `userId` whose token hashes to `tokenHash`, valid `ttlMs` from `now` unless used again. */
  addDevice(input: { id: string; userId: string; name: string; tokenHash: string; now: number; ttlMs: number }): void {
    this.stmts.insertDevice.run(input.id, input.userId, input.name, input.tokenHash, input.now, input.now, input.now + input.ttlMs);
  }

  /** The user and device of the unexpired device token hashing to `tokenHash` (its expiry pushed to `now + ttlMs`), or null. */
  sessionByDeviceToken(tokenHash: string, now: number, ttlMs: number): DeviceSession | null {
    const row = this.stmts.deviceUser.get(tokenHash, now) as (RelayUser & { deviceId: string; lastSeenAt: number }) | undefined;
    if (!row) return null;
    if (now - row.lastSeenAt >= touchEvery(ttlMs)) this.stmts.touchDevice.run(now, now + ttlMs, row.deviceId);
    return { user: { id: row.id, email: row.email }, deviceId: row.deviceId };
  }

  /** True when device `deviceId` of `userId` exists and has not expired (its expiry pushed to `now + ttlMs`). */
  useDevice(deviceId: string, userId: string, now: number, ttlMs: number): boolean {
    const row = this.stmts.deviceById.get(deviceId, now) as { userId: string; lastSeenAt: number } | undefined;
    if (row?.userId !== userId) return false;
    if (now - row.lastSeenAt >= touchEvery(ttlMs)) this.stmts.touchDevice.run(now, now + ttlMs, deviceId);
    return true;
  }

  /** The unexpired devices of `userId`, oldest first. */
  devicesOf(userId: string, now: number): RelayDevice[] {
    return this.stmts.devicesOf.all(userId, now) as RelayDevice[];
  }

  /** Deletes device `deviceId` of `userId` (its token stops working); false when there is no such device. */
  deleteDevice(deviceId: string, userId: string): boolean {
    return this.stmts.deleteDevice.run(deviceId, userId).changes > 0;
  }

  /** Deletes every device expired at `now`; returns their ids. */
  deleteExpiredDevices(now: number): string[] {
    return this.db
      .transaction((): string[] => {
        const ids = (this.stmts.expiredDevices.all(now) as { id: string }[]).map((row) => row.id);
        if (ids.length > 0) this.stmts.deleteExpiredDevices.run(now);
        return ids;
      })
      .immediate();
  }

  /** Wrong codes counted against `key` (`email:…` or `ip:…`) on UTC day `day`. */
  failedChecks(key: string, day: number): number {
    return (this.stmts.failedChecks.get(key, day) as { count: number } | undefined)?.count ?? 0;
  }

  /** Counts one wrong code against each of `keys` on `day`; forgets days before yesterday. */
  countFailedCheck(keys: readonly string[], day: number): void {
    this.db.transaction(() => {
      this.stmts.deleteOldFailedChecks.run(day - 1);
      for (const key of keys) this.stmts.countFailedCheck.run(key, day);
    })();
  }

  /** Replaces the pending code of `email` (attempts reset); sweeps long-expired codes on the way. */
  putCode(email: string, codeHash: string, expiresAt: number, now: number): void {
    this.db.transaction(() => {
      this.stmts.deleteExpiredCodes.run(now - 24 * 3600_000);
      this.stmts.upsertCode.run(email, codeHash, expiresAt);
    })();
  }

  /** The pending code of `email`, or null. */
  code(email: string): StoredCode | null {
    return (this.stmts.code.get(email) as StoredCode | undefined) ?? null;
  }

  /** Counts one wrong attempt against the code of `email`. */
  countAttempt(email: string): void {
    this.stmts.countAttempt.run(email);
  }

  /** Forgets the code of `email` (used, or locked). */
  deleteCode(email: string): void {
    this.stmts.deleteCode.run(email);
  }
}
