/**
 * Format of the `claims` map of a room doc (write/read pair; the reader
 * never trusts a value, since a peer may have written it):
 *
 * - `claims`: Y.Map `"<dhId> <triggerId>"` → `{device, userId, at}`: which
 *   device answers a trigger (a mention, a DM, a handed-off task) for a
 *   digital human. A key per trigger and DH, so claims of different triggers
 *   never conflict; two devices claiming one trigger at once converge on one
 *   value, the winner (see src-main/agents/runtime/ClaimBook.ts).
 */
import type * as Y from 'yjs';

/** The root map of a room doc that holds claims. */
export const CLAIMS_MAP = 'claims';

/** A device's claim on a trigger. */
export interface ClaimRecord {
  device: string;
  userId: string;
  at: number;
}

/** The claim key of `triggerId` for `dhId`. */
export function claimKey(dhId: string, triggerId: string): string {
  return `${dhId} ${triggerId}`;
}

/** Writes this device's claim on `key`. */
export function writeClaimRecord(claims: Y.Map<unknown>, key: string, claim: ClaimRecord): void {
  claims.set(key, { device: claim.device, userId: claim.userId, at: claim.at });
}

/** The device holding claim `key`, or null when nobody holds it (or the value does not read). */
export function readClaimDevice(claims: Y.Map<unknown>, key: string): string | null {
  const value = claims.get(key);
  if (typeof value !== 'object' || value === null) return null;
  const device = (value as Record<string, unknown>).device;
  return typeof device === 'string' && device.length > 0 && device.length <= 64 ? device : null;
}
