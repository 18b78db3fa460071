/**
 * Checks one decoded update against its doc's write policy (docPolicies.ts)
 * and the doc the relay holds, before it is applied: null when it may be
 * applied, else why not. Cheap by design (it runs on every update): it reads
 * the update's own structs and delete set and looks up only the ids they
 * name in the held doc, never walks the doc, so its cost does not grow with
 * the doc's size.
 */
import * as Y from 'yjs';
import { isManagerRole } from '../../src-main/common/governance/permissions';
import { checkAuthoredAppends } from './checkAuthoredAppends';
import { checkGovernanceUpdate } from './checkGovernanceUpdate';
import { checkMetaUpdate } from './checkMetaUpdate';
import { checkRoomUpdate, type PolicyWriter } from './checkRoomUpdate';
import type { DocPolicy } from './docPolicies';

/** An update the policy refuses, and why (for the close reason and the log). */
export interface PolicyRefusal {
  reason: 'append_only' | 'forbidden_write';
  message: string;
}

/** What `Y.decodeUpdate` returns. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Null when `update` (decoded) from `writer` may be applied to `doc` under `policy`, else the refusal. */
export function checkUpdatePolicy(policy: DocPolicy, doc: Y.Doc, update: DecodedUpdate, writer?: PolicyWriter): PolicyRefusal | null {
  if (policy.kind === 'open') return null;
  // An update that adds and removes nothing (a stock client's sync step 2 when it has nothing new) changes no doc.
  if (update.structs.length === 0 && update.ds.clients.size === 0) return null;
  if (policy.kind === 'appendOnly') {
    const refused = checkDeletes(doc, update.ds) ?? checkAppends(policy.maps, doc, update.structs);
    if (refused || !policy.authors) return refused;
    return writer ? checkAuthoredAppends(policy.authors, doc, update, writer) : { reason: 'forbidden_write', message: 'no writer to check this update against' };
  }
  // The rules below depend on who writes.
  if (!writer) return { reason: 'forbidden_write', message: 'no writer to check this update against' };
  if (policy.kind === 'room') return checkRoomUpdate(doc, update, writer);
  if (policy.kind === 'meta') return checkMetaUpdate(doc, update, writer);
  if (policy.selfMaps || policy.relayMaps) return checkGovernanceUpdate(doc, update, writer, policy.selfMaps ?? [], policy.relayMaps ?? []);
  return isManagerRole(writer.role) ? null : { reason: 'forbidden_write', message: 'only owners and admins write this doc' };
}

function refuse(message: string): PolicyRefusal {
  return { reason: 'append_only', message };
}

/**
 * An append-only doc takes deletions only of what is already deleted: an
 * honest client sends its whole delete set with every sync step 2, and in a
 * doc nobody ever deleted from, that is empty or already known. A range
 * reaching past what the relay holds is refused too: Yjs would keep it and
 * delete those items the moment their writer sends them.
 */
function checkDeletes(doc: Y.Doc, ds: DecodedUpdate['ds']): PolicyRefusal | null {
  for (const [client, ranges] of ds.clients) {
    const held = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (!held || clock + len > state) return refuse('deletes entries of an append-only doc');
      for (let i = Y.findIndexSS(held, clock); i < held.length && held[i]!.id.clock < clock + len; i++) {
        if (!held[i]!.deleted) return refuse('deletes entries of an append-only doc');
      }
    }
  }
  return null;
}

/**
 * Every new item of an append-only doc must be a fresh entry: a plain value
 * under a key no entry has, at the top of one of the doc's maps. Such an
 * item has no origin (Yjs gives a map value an origin only when it goes
 * after an existing value of the same key, i.e. overwrites it) and names its
 * map and key. Items the relay already holds are skipped, as Yjs skips them;
 * an item past a gap in its writer's clocks is refused, since Yjs would hold
 * it back and integrate it later, after the checks of the updates between.
 */
function checkAppends(maps: readonly string[], doc: Y.Doc, structs: DecodedUpdate['structs']): PolicyRefusal | null {
  let client = -1;
  let next = 0;
  let keys: Set<string> | null = null;
  for (const struct of structs) {
    const { id } = struct;
    if (id.client !== client) {
      client = id.client;
      next = Y.getState(doc.store, client);
    }
    const end = id.clock + struct.length;
    if (end <= next) continue;
    if (id.clock !== next) return refuse(id.clock > next ? 'skips clocks of an append-only doc' : 'rewrites part of an entry of an append-only doc');
    next = end;
    // GC and Skip structs carry no content: they only reserve ids.
    if (!(struct instanceof Y.Item)) continue;
    // A decoded (not yet integrated) item names its parent by the root's name, or by an id for a nested type.
    const map = struct.parent as unknown;
    const key = struct.parentSub;
    if (struct.origin !== null || struct.rightOrigin !== null || typeof map !== 'string' || key === null) return refuse('writes inside an existing entry of an append-only doc');
    if (!maps.includes(map)) return refuse(`writes "${map}", not a map of this doc`);
    if (struct.content instanceof Y.ContentType || struct.content instanceof Y.ContentDoc) return refuse('nests a shared type in an append-only doc');
    if (doc.share.get(map)?._map.has(key)) return refuse('overwrites an entry of an append-only doc');
    keys ??= new Set();
    const seen = `${map}\u0000${key}`;
    if (keys.has(seen)) return refuse('writes one key twice in an append-only doc');
    keys.add(seen);
  }
  return null;
}
