/**
 * The writer rules of an append-only doc (`authors` in docPolicies.ts), on
 * top of its append-only rule (checkUpdatePolicy.ts), which has already
 * passed when this runs, so every new item is a plain value under a new key
 * of a root map. For `audit` (src-main/storage/audit/auditDocFormat.ts):
 *
 * - `fields`: a new value of map M names its writer in field F, and that
 *   must be the connected member (one of their member ids, MemberIds.ts):
 *   an entry's `by`, a device's `user`;
 * - `owned`: a new value of map M that names a key of map K in field F
 *   (an entry's `device`) must name one whose writer field is the same as
 *   the value's own (the device is that writer's), held or new in the same
 *   update;
 * - `ownerSeeds`: an owner's update into a doc the relay holds nothing of
 *   (linking a workspace uploads its history) may carry values without a
 *   writer field, written before values named their writer.
 *
 * So a member cannot forge an entry in someone else's name, publish a key
 * for someone else, nor write into someone else's device chain (which
 * would only make that chain look broken). The signatures themselves are
 * checked by the clients (src-main/domain/audit/verifyAuditChain.ts): an
 * Ed25519 check costs more than the relay's budget per update.
 */
import * as Y from 'yjs';
import type { RelayRole } from '../../src-main/common/relayWire';
import type { DecodedUpdate } from './checkUpdatePolicy';

/** Who writes the values of an append-only doc's maps. */
export interface AuthorRules {
  /** Map → the field of its values naming their writer. */
  readonly fields: Readonly<Record<string, string>>;
  /** A field of `map`'s values naming a key of `keys`, whose value must have the same writer. */
  readonly owned?: { readonly map: string; readonly field: string; readonly keys: string };
  /** An owner's first update into an empty doc may carry values without a writer field. */
  readonly ownerSeeds?: boolean;
}

/** What these rules need to know of the connected writer. */
export interface AuthorWriter {
  readonly userId: string;
  readonly role: RelayRole;
  readonly workspaceId: string;
  readonly facts: { readonly memberIds: { owns(workspaceId: string, userId: string, memberId: string): boolean } };
}

/** A refusal of these rules (a PolicyRefusal of checkUpdatePolicy.ts). */
export interface AuthorRefusal {
  reason: 'forbidden_write';
  message: string;
}

function refuse(message: string): AuthorRefusal {
  return { reason: 'forbidden_write', message };
}

function fieldOf(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
}

/** The plain value a new map item sets (the append-only rule allows nothing else). */
function valueOf(item: Y.Item): unknown {
  const content = item.content;
  return content instanceof Y.ContentAny || content instanceof Y.ContentJSON ? content.arr[content.arr.length - 1] : undefined;
}

/** Null when `writer` may add what `update` adds to `doc` under `rules`, else why not. */
export function checkAuthoredAppends(rules: AuthorRules, doc: Y.Doc, update: DecodedUpdate, writer: AuthorWriter): AuthorRefusal | null {
  const seeding = rules.ownerSeeds === true && writer.role === 'owner' && doc.store.clients.size === 0;
  const owned = rules.owned;
  let newKeys: Map<string, unknown> | null = null;
  let refs: { writer: unknown; key: string }[] | null = null;
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    // A decoded (not yet integrated) item names its root map by name; the append-only rule allows nothing nested.
    const map = struct.parent as unknown;
    const key = struct.parentSub;
    const field = typeof map === 'string' ? rules.fields[map] : undefined;
    if (key === null || field === undefined) continue;
    const value = valueOf(struct);
    const author = fieldOf(value, field);
    if (author === undefined && seeding) continue;
    if (typeof author !== 'string' || !writer.facts.memberIds.owns(writer.workspaceId, writer.userId, author)) return refuse(`writes "${map as string}" in someone else's name`);
    if (!owned) continue;
    if (map === owned.keys) (newKeys ??= new Map()).set(key, author);
    const ref = map === owned.map ? fieldOf(value, owned.field) : undefined;
    if (ref !== undefined) (refs ??= []).push({ writer: author, key: String(ref) });
  }
  if (!refs || !owned) return null;
  // A root type of a doc loaded from updates may not be a Y.Map yet: read its items.
  const held = doc.share.get(owned.keys)?._map;
  const keyField = rules.fields[owned.keys]!;
  for (const ref of refs) {
    const item = held?.get(ref.key);
    const holder = newKeys?.has(ref.key) ? newKeys.get(ref.key) : fieldOf(item && !item.deleted ? valueOf(item) : undefined, keyField);
    if (holder !== ref.writer) return refuse(`writes into the "${owned.keys}" entry ${ref.key.slice(0, 64)} of someone else`);
  }
  return null;
}
