/**
 * Signing and checking of WebSocket tokens (format in
 * src-main/common/relayToken.ts): `<body>.<signature>`, the signature being
 * HMAC-SHA256 of the body with the relay's secret, base64url.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readRelayTokenClaims, writeRelayTokenBody, type RelayTokenClaims } from '../../src-main/common/relayToken';

/** Longest lifetime a token may claim, in seconds. */
export const MAX_TOKEN_TTL_SECONDS = 15 * 60;
/** Clock skew tolerated between the relay and whoever minted a token. */
const SKEW_SECONDS = 60;

/** Signs `claims` with `secret`. */
export function signRelayToken(claims: RelayTokenClaims, secret: string): string {
  const body = writeRelayTokenBody(claims);
  return `${body}.${signature(body, secret)}`;
}

/** Why a token was refused. */
export type TokenProblem = 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'too_long';

/**
 * Checks the signature and the time window of `token`; returns its claims or
 * the reason it is refused. Signature comparison is constant-time.
 */
export function verifyRelayToken(token: string, secret: string, nowSeconds: number): { claims: RelayTokenClaims } | { problem: TokenProblem } {
  const claims = readRelayTokenClaims(token);
  if (!claims) return { problem: 'malformed' };
  const [body = '', sig = ''] = token.split('.');
  const expected = Buffer.from(signature(body, secret));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'bad_signature' };
  if (claims.exp <= nowSeconds) return { problem: 'expired' };
  if (claims.iat > nowSeconds + SKEW_SECONDS) return { problem: 'not_yet_valid' };
  if (claims.exp - claims.iat > MAX_TOKEN_TTL_SECONDS) return { problem: 'too_long' };
  return { claims };
}

function signature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
