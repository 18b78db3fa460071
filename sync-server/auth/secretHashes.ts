/**
 * Random secrets and how they are stored: device tokens and invitation
 * tokens are 32 random bytes, stored as their SHA-256; one-time codes have
 * only a hundred million values, so they are stored as an HMAC keyed with the
 * relay secret (a copied database alone does not reveal them).
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * `bytes` random bytes as base64url, drawn again while the text starts with `-`: tokens and ids are typed
 * as command-line arguments (`qwanyx invite accept <token>`, `relay devices revoke <id>`), where a leading
 * dash reads as an option. (One draw in 64 is redrawn; the others keep their full entropy.)
 */
function randomBase64Url(bytes: number): string {
  for (;;) {
    const text = randomBytes(bytes).toString('base64url');
    if (!text.startsWith('-')) return text;
  }
}

/** A random token for a device or an invitation (base64url, 43 characters, never starting with `-`). */
export function newSecretToken(): string {
  return randomBase64Url(32);
}

/** A random id (base64url, 22 characters, never starting with `-`). */
export function newId(): string {
  return randomBase64Url(16);
}

/** Digits of a one-time code. */
export const CODE_DIGITS = 8;

/** An 8-digit one-time code from the CSPRNG. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** Stored form of a random token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Stored form of a one-time code for `email`. */
export function hashCode(code: string, email: string, secret: string): string {
  return createHmac('sha256', secret).update(`${email}\n${code}`).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
