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
import { CLAIMS_MAP, readClaimDevice, writeClaimRecord, type ClaimRecord } from '../../storage/agents/claimDocFormat';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';

export { claimKey } from '../../storage/agents/claimDocFormat';

/** Who holds a claim, or null when nobody has claimed it (or it does not read). */
export function claimHolder(handle: WorkspaceHandle, roomId: string, key: string): string | null {
  return readClaimDevice(handle.docs.doc(roomDocName(roomId)).getMap(CLAIMS_MAP), key);
}

/** Records this device's claim (durable when it returns). */
export function writeClaim(handle: WorkspaceHandle, roomId: string, key: string, claim: ClaimRecord): void {
  handle.docs.transact(roomDocName(roomId), txOrigin('agent', claim.device), (doc) => {
    writeClaimRecord(doc.getMap(CLAIMS_MAP), key, claim);
  });
}
