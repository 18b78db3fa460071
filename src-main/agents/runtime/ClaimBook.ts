/**
 * Claims: which device answers a trigger for a digital human. A claim is an
 * entry of the room doc's `claims` map, `"<dhId> <triggerId>"` →
 * `{device, userId, at}`. Two devices that claim at once both write; Yjs
 * resolves concurrent writes of one key the same way on every replica, so
 * once each has seen the other's claim they agree on one winner, and only
 * the winner answers. The device of the person who wrote the trigger claims
 * at once; the others wait (see AgentRuntime) and usually find it claimed.
 */
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';

/** The claim key of `triggerId` for `dhId`. */
export function claimKey(dhId: string, triggerId: string): string {
  return `${dhId} ${triggerId}`;
}

/** Who holds a claim, or null when nobody has claimed it (or it does not read). */
export function claimHolder(handle: WorkspaceHandle, roomId: string, key: string): string | null {
  const value = handle.docs.doc(roomDocName(roomId)).getMap('claims').get(key);
  if (typeof value !== 'object' || value === null) return null;
  const device = (value as Record<string, unknown>).device;
  return typeof device === 'string' && device.length > 0 && device.length <= 64 ? device : null;
}

/** Records this device's claim (durable when it returns). */
export function writeClaim(handle: WorkspaceHandle, roomId: string, key: string, claim: { device: string; userId: string; at: number }): void {
  handle.docs.transact(roomDocName(roomId), txOrigin('agent', claim.device), (doc) => {
    doc.getMap('claims').set(key, { ...claim });
  });
}
