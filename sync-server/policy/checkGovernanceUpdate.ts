/**
 * The write rule of the `governance` doc (formats in
 * src-main/storage/governance/governanceDocFormat.ts): owners and admins
 * write it, except its self-owned maps (`selfMaps` of docPolicies.ts, today
 * `consents`, src-main/storage/consents/consentDocFormat.ts), where each
 * entry is keyed by a member id and written or removed only by that member
 * (one of their member ids, policy/MemberIds.ts) - an owner or admin
 * included: a consent is given or withdrawn by the person it is about, or
 * not at all. Entries of those maps are plain values (no nested type).
 * Deletes of items the relay does not hold are refused (they could land on
 * an entry later). The `relayMaps` (`erasures`, `retention`;
 * src-main/common/erasure/erasureRecords.ts) are written by no connection,
 * owners included: the relay writes them itself (sync-server/erasure/).
 */
import * as Y from 'yjs';
import { isManagerRole } from '../../src-main/common/governance/permissions';
import type { PolicyWriter } from './checkRoomUpdate';
import type { DecodedUpdate, PolicyRefusal } from './checkUpdatePolicy';
import { forEachNewDelete, ItemPlacer, type ItemPlace } from './itemPlace';

function refuse(message: string): PolicyRefusal {
  return { reason: 'forbidden_write', message };
}

/** Null when `writer` may apply `update` to `governance` (`doc`), else why not. */
export function checkGovernanceUpdate(doc: Y.Doc, update: DecodedUpdate, writer: PolicyWriter, selfMaps: readonly string[], relayMaps: readonly string[] = []): PolicyRefusal | null {
  const manager = isManagerRole(writer.role);
  const placer = new ItemPlacer(doc, update.structs);
  const check = (place: ItemPlace, adding: boolean): string | null => {
    if (relayMaps.includes(place.root)) return 'only the relay writes this map (an owner asks it through its erasure routes)';
    if (!selfMaps.includes(place.root)) return manager ? null : 'only owners and admins write this doc';
    const key = place.keys[0];
    if (key === undefined) return null;
    if (place.keys.length > 1) return 'nests a shared type in a self-owned entry';
    return writer.facts.memberIds.owns(writer.workspaceId, writer.userId, key, adding) ? null : "writes another member's own entry";
  };
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const place = placer.placeNew(struct);
    if (place === undefined) return refuse('writes under an item the relay does not hold');
    if (place === null) continue;
    if (selfMaps.includes(place.root) && (struct.content instanceof Y.ContentType || struct.content instanceof Y.ContentDoc)) return refuse('nests a shared type in a self-owned entry');
    const problem = check(place, true);
    if (problem) return refuse(problem);
  }
  let problem: string | null = null;
  forEachNewDelete(doc, placer, update.ds, (item) => {
    if (!item) problem = 'deletes items the relay does not hold';
    else {
      const place = placer.placeHeld(item);
      if (place) problem = check(place, false);
      else if (!manager) problem = 'only owners and admins write this doc';
    }
    return problem === null;
  });
  return problem ? refuse(problem) : null;
}
