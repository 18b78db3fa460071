/**
 * Sign-in with an email and a one-time code, and device tokens.
 *
 * A code is 8 digits from the CSPRNG, stored as an HMAC (never in clear),
 * valid 10 minutes, and dies after 5 wrong attempts. Asking for codes is
 * rate-limited per email and per client IP, checking them per client IP
 * (limits shared by every node when they run several: RedisRateLimiter.ts).
 * Wrong codes are also counted per email and per client IP per UTC day (in
 * the database, so a restart does not reset them): past
 * `limits.failedChecksPerEmail` (or `failedChecksPerIp`), checks are refused
 * until the next day, whatever the IP or the code. With the defaults an
 * attacker gets 10 guesses a day at one of 10^8 codes. Each check takes one
 * of the code's attempts atomically before comparing, and a right code is
 * used up by exactly one check, so parallel checks (on one node or several)
 * get no more guesses and no second device.
 * A successful check returns a device token (random, stored hashed) that
 * authenticates the device's HTTP calls from then on, and expires after
 * `deviceTtlSeconds` without use.
 */
import type { RelayLimits } from '../config';
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import { RateLimitedError, RelayError, UnauthorizedError } from '../RelayError';
import type { AccountStore, DeviceSession, RelayUser } from '../storage/AccountStore';
import { MemoryRateLimiter } from './MemoryRateLimiter';
import type { RateLimiter, RateLimiterFactory } from './RateLimiter';
import type { RelayMailer } from './RelayMailer';
import { hashCode, hashToken, newId, newOneTimeCode, newSecretToken, sameDigest } from './secretHashes';

/** How long a one-time code is valid. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong attempts after which a code is locked. */
export const CODE_MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;

/** Result of a successful code check. */
export interface SignedIn {
  deviceToken: string;
  user: RelayUser;
}

/** Dependencies of `AuthService`. */
export interface AuthServiceDeps {
  accounts: AccountStore;
  mailer: RelayMailer;
  secret: string;
  limits: RelayLimits;
  /** Lifetime of an unused device token. */
  deviceTtlSeconds: number;
  metrics: RelayMetrics;
  logger: Logger;
  /** The rate limits' storage: in memory (the default, one node) or shared by the nodes. */
  rateLimiters?: RateLimiterFactory;
  now?: () => number;
}

export class AuthService {
  private readonly codesPerEmail: RateLimiter;
  private readonly codesPerIp: RateLimiter;
  private readonly verifyPerIp: RateLimiter;
  private readonly now: () => number;

  constructor(private readonly deps: AuthServiceDeps) {
    this.now = deps.now ?? Date.now;
    const windowMs = deps.limits.rateWindowSeconds * 1000;
    const limiter = deps.rateLimiters ?? ((_name: string, limit: number, ms: number): RateLimiter => new MemoryRateLimiter(limit, ms, this.now));
    this.codesPerEmail = limiter('codes-per-email', deps.limits.codesPerEmail, windowMs);
    this.codesPerIp = limiter('codes-per-ip', deps.limits.codesPerIp, windowMs);
    this.verifyPerIp = limiter('verify-per-ip', deps.limits.verifyPerIp, windowMs);
  }

  /** Creates a code for `email` (replacing any pending one) and mails it. */
  async requestCode(email: string, ip: string): Promise<void> {
    const address = normalizeEmail(email);
    const waitIp = await this.codesPerIp.take(ip);
    if (waitIp > 0) throw new RateLimitedError(`Too many codes asked from this address; try again in ${waitIp} s.`, waitIp);
    const waitEmail = await this.codesPerEmail.take(address);
    if (waitEmail > 0) throw new RateLimitedError(`Too many codes asked for this email; try again in ${waitEmail} s.`, waitEmail);
    const code = newOneTimeCode();
    const now = this.now();
    await this.deps.accounts.putCode(address, hashCode(code, address, this.deps.secret), now + CODE_TTL_MS, now);
    await this.deps.mailer.sendCode(address, code);
    this.deps.logger('info', 'auth.code_sent', { email: address, ip });
  }

  /** Checks `code` for `email`; on success the code is used up and a new device token returned. */
  async verifyCode(email: string, code: string, deviceName: string | undefined, ip: string): Promise<SignedIn> {
    const address = normalizeEmail(email);
    const wait = await this.verifyPerIp.take(ip);
    if (wait > 0) throw new RateLimitedError(`Too many code checks from this address; try again in ${wait} s.`, wait);
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    const failedKeys = [`email:${address}`, `ip:${ip}`];
    const untilTomorrow = Math.max(1, Math.ceil(((day + 1) * DAY_MS - now) / 1000));
    const [failedForEmail, failedForIp] = await Promise.all(failedKeys.map((key) => this.deps.accounts.failedChecks(key, day)));
    if (failedForEmail! >= this.deps.limits.failedChecksPerEmail) {
      this.deps.metrics.authFailure('bad_code');
      throw new RateLimitedError(`Too many wrong codes for this email today; try again in ${untilTomorrow} s (after midnight UTC).`, untilTomorrow);
    }
    if (failedForIp! >= this.deps.limits.failedChecksPerIp) {
      this.deps.metrics.authFailure('bad_code');
      throw new RateLimitedError(`Too many wrong codes from this address today; try again in ${untilTomorrow} s (after midnight UTC).`, untilTomorrow);
    }
    const claimed = await this.deps.accounts.claimAttempt(address, now, CODE_MAX_ATTEMPTS);
    if (!claimed) {
      this.deps.metrics.authFailure('bad_code');
      const stored = await this.deps.accounts.code(address);
      if (stored && stored.expiresAt > now) throw new RelayError('CODE_LOCKED', 'Too many wrong codes: ask for a new code.');
      throw new UnauthorizedError('No valid code for this email (it expired or was never asked for): ask for a new code.');
    }
    if (!sameDigest(hashCode(code, address, this.deps.secret), claimed.codeHash)) {
      await this.deps.accounts.countFailedCheck(failedKeys, day);
      this.deps.metrics.authFailure('bad_code');
      const left = CODE_MAX_ATTEMPTS - claimed.attempts;
      if (left <= 0) throw new RelayError('CODE_LOCKED', 'Too many wrong codes: ask for a new code.');
      throw new UnauthorizedError(`Wrong code; ${left} attempt${left === 1 ? '' : 's'} left.`);
    }
    if (!(await this.deps.accounts.deleteCode(address))) {
      // A parallel check with the same code (on this node or another) used it first.
      this.deps.metrics.authFailure('bad_code');
      throw new UnauthorizedError('This code was just used: ask for a new code.');
    }
    const user = await this.deps.accounts.ensureUser(address, newId(), now);
    const deviceToken = newSecretToken();
    await this.deps.accounts.addDevice({ id: newId(), userId: user.id, name: deviceName ?? 'device', tokenHash: hashToken(deviceToken), now, ttlMs: this.deps.deviceTtlSeconds * 1000 });
    this.deps.logger('info', 'auth.signed_in', { userId: user.id, ip });
    return { deviceToken, user };
  }

  /** The user of the `Authorization: Bearer <deviceToken>` header; throws `UnauthorizedError`. */
  async authenticate(authorization: string | undefined): Promise<RelayUser> {
    return (await this.authenticateDevice(authorization)).user;
  }

  /** The user and device of the header's device token (its expiry pushed further); throws `UnauthorizedError`. */
  async authenticateDevice(authorization: string | undefined): Promise<DeviceSession> {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    const session = match?.[1] ? await this.deps.accounts.sessionByDeviceToken(hashToken(match[1]), this.now(), this.deps.deviceTtlSeconds * 1000) : null;
    if (!session) {
      this.deps.metrics.authFailure('bad_device_token');
      throw new UnauthorizedError('Sign in again: this device token is missing, revoked or expired ("Authorization: Bearer <deviceToken>").');
    }
    return session;
  }
}

/** Emails are compared trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
