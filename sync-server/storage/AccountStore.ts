/**
 * Users, devices and one-time codes of the relay: what AuthService and
 * DeviceService read and write. Two implementations: SQLite in
 * `<dataDir>/accounts.db` (SqliteAccountStore.ts, one node) and PostgreSQL
 * (PgAccountStore.ts, shared by every node of a cluster). Plain storage, no
 * rules: the rules live in the services. Times are ms since the epoch.
 */

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

/** The pending one-time code of an email. */
export interface StoredCode {
  codeHash: string;
  expiresAt: number;
  attempts: number;
}

/**
 * Whether a device seen at `lastSeenAt` has its expiry pushed again at `now`: at most once a minute
 * (a write per minute of use, not per request), or a quarter of its lifetime when shorter.
 */
export function deviceTouchDue(lastSeenAt: number, now: number, ttlMs: number): boolean {
  return now - lastSeenAt >= Math.min(60_000, ttlMs / 4);
}

export interface AccountStore {
  /** The user with `email`, or null. */
  userByEmail(email: string): Promise<RelayUser | null>;
  /** The user with `id`, or null. */
  userById(id: string): Promise<RelayUser | null>;
  /** The user with `email`, created with `newId` when missing (two nodes creating it at once get the same one). */
  ensureUser(email: string, newId: string, now: number): Promise<RelayUser>;
  /** Records a device of `userId` whose token hashes to `tokenHash`, valid `ttlMs` from `now` unless used again. */
  addDevice(input: { id: string; userId: string; name: string; tokenHash: string; now: number; ttlMs: number }): Promise<void>;
  /** The user and device of the unexpired device token hashing to `tokenHash` (its expiry pushed to `now + ttlMs`), or null. */
  sessionByDeviceToken(tokenHash: string, now: number, ttlMs: number): Promise<DeviceSession | null>;
  /** True when device `deviceId` of `userId` exists and has not expired (its expiry pushed to `now + ttlMs`). */
  useDevice(deviceId: string, userId: string, now: number, ttlMs: number): Promise<boolean>;
  /** The unexpired devices of `userId`, oldest first. */
  devicesOf(userId: string, now: number): Promise<RelayDevice[]>;
  /** Deletes device `deviceId` of `userId` (its token stops working); false when there is no such device. */
  deleteDevice(deviceId: string, userId: string): Promise<boolean>;
  /** Deletes every device expired at `now`; returns their ids (each id to exactly one caller, whichever node sweeps). */
  deleteExpiredDevices(now: number): Promise<string[]>;
  /** Wrong codes counted against `key` (`email:…` or `ip:…`) on UTC day `day`. */
  failedChecks(key: string, day: number): Promise<number>;
  /** Counts one wrong code against each of `keys` on `day`; forgets days before yesterday. */
  countFailedCheck(keys: readonly string[], day: number): Promise<void>;
  /** Replaces the pending code of `email` (attempts reset); sweeps long-expired codes on the way. */
  putCode(email: string, codeHash: string, expiresAt: number, now: number): Promise<void>;
  /** The pending code of `email`, or null. */
  code(email: string): Promise<StoredCode | null>;
  /**
   * Takes one of the `maxAttempts` checks of the unexpired code of `email`, atomically (parallel
   * checks on any node never get more between them): its hash and the attempts counted so far,
   * this one included; null when there is no such code or its attempts are used up.
   */
  claimAttempt(email: string, now: number, maxAttempts: number): Promise<{ codeHash: string; attempts: number } | null>;
  /** Forgets the code of `email`; false when it was gone already (another check used it first). */
  deleteCode(email: string): Promise<boolean>;
}
