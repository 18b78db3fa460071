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
      insertDevice: db.prepare('INSERT INTO devices (id, user_id, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)'),
      deviceUser: db.prepare(
        'SELECT users.id AS id, users.email AS email, devices.id AS deviceId FROM devices JOIN users ON users.id = devices.user_id WHERE devices.token_hash = ?',
      ),
      touchDevice: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
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

  /** Records a device of `userId` whose token hashes to `tokenHash`. */
  addDevice(input: { id: string; userId: string; name: string; tokenHash: string; now: number }): void {
    this.stmts.insertDevice.run(input.id, input.userId, input.name, input.tokenHash, input.now, input.now);
  }

  /** The user owning the device token hashing to `tokenHash` (and marks the device seen), or null. */
  userByDeviceToken(tokenHash: string, now: number): RelayUser | null {
    const row = this.stmts.deviceUser.get(tokenHash) as (RelayUser & { deviceId: string }) | undefined;
    if (!row) return null;
    this.stmts.touchDevice.run(now, row.deviceId);
    return { id: row.id, email: row.email };
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
