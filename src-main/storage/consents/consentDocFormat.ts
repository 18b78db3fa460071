/**
 * Format of the `consents` root map of the workspace's `governance` doc:
 * whether each member lets digital humans read and remember what they write
 * in this workspace (docs/consents.md).
 *
 * - `consents`: Y.Map memberId → plain JSON record `{dhRead, at}`,
 *   replaced whole. `dhRead` false means: no digital human sends this
 *   member's messages to a model nor keeps a memory learnt from them; `at`
 *   is when the member chose (ms). No entry means consent (the default, as
 *   before this map existed).
 *
 * Why in `governance`: it is read by every device of the workspace (each
 * runs digital humans) and its writes are checked by the relay. Why keyed
 * by member: the relay lets each member write their own entry and nobody
 * else's, not even an owner (sync-server/policy/checkGovernanceUpdate.ts),
 * so a consent can only be given or withdrawn by the person it is about,
 * and two members choosing at once never collide.
 *
 * Readers never trust a peer: a record that does not parse or a key that
 * is not a member id is ignored (as no entry). A nested type is refused by
 * the relay and ignored here.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** The root map, in the `governance` doc. */
export const CONSENTS_MAP = 'consents';

/** One member's choice. */
export interface ConsentRecord {
  /** Whether digital humans may read and remember what this member writes. */
  dhRead: boolean;
  /** When the member chose (ms). */
  at: number;
}

const recordSchema = z.object({ dhRead: z.boolean(), at: z.number().finite().min(0) });

/** A record as stored. */
export function writeConsentRecord(record: ConsentRecord): Record<string, unknown> {
  return { dhRead: record.dhRead, at: record.at };
}

/** A stored record, or null when it does not read. */
export function readConsentRecord(key: string, value: unknown): ConsentRecord | null {
  if (!ENTITY_ID_PATTERN.test(key)) return null;
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? { dhRead: parsed.data.dhRead, at: parsed.data.at } : null;
}

/** Every readable record of the map, by member id. */
export function readConsents(map: Y.Map<unknown>): Map<string, ConsentRecord> {
  const out = new Map<string, ConsentRecord>();
  for (const [key, value] of map.entries()) {
    const record = readConsentRecord(key, value);
    if (record) out.set(key, record);
  }
  return out;
}

/** The members who declined (their messages stay away from digital humans). */
export function declinedMembers(map: Y.Map<unknown>): Set<string> {
  const out = new Set<string>();
  for (const [id, record] of readConsents(map)) if (!record.dhRead) out.add(id);
  return out;
}
