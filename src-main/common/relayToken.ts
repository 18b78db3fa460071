/**
 * Relay WebSocket tokens: `<body>.<signature>`, both base64url. The body is
 * the JSON of `RelayTokenClaims`; the signature is HMAC-SHA256 of the body
 * with the relay's secret (computed and checked by the relay only).
 *
 * The core reads the claims, without verifying them, to know when to refresh.
 */

export interface RelayTokenClaims {
  /** Format version: 1. */
  v: 1;
  /** User id on the relay. */
  sub: string;
  email: string;
  /** Workspace id. */
  ws: string;
  role: 'owner' | 'admin' | 'member' | 'guest';
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expiry, seconds since the epoch (at most 15 minutes after iat). */
  exp: number;
  /** The device whose token asked for this one: its sockets close when that device is revoked. Absent on tokens the admin command mints. */
  did?: string;
}

function toBase64Url(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The unsigned body of a token for `claims`. */
export function writeRelayTokenBody(claims: RelayTokenClaims): string {
  return toBase64Url(JSON.stringify(claims));
}

/** Reads the claims of a token without checking its signature; null when it is not a token. */
export function readRelayTokenClaims(token: string): RelayTokenClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || body.length > 4096) return null;
  try {
    const claims = JSON.parse(fromBase64Url(body)) as Partial<RelayTokenClaims>;
    if (claims.v !== 1 || typeof claims.sub !== 'string' || typeof claims.ws !== 'string') return null;
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || typeof claims.role !== 'string') return null;
    if (!['owner', 'admin', 'member', 'guest'].includes(claims.role)) return null;
    if (claims.did !== undefined && typeof claims.did !== 'string') return null;
    return claims as RelayTokenClaims;
  } catch {
    // Not base64url or not JSON: not one of our tokens.
    return null;
  }
}
