/**
 * Aliases in `meta.members`: one person, earlier ids. When a device links
 * its local profile to a relay account, the account id becomes the person's
 * id and the local id an alias. Both entries say so:
 *
 * - `members[accountId].aliases`: the earlier ids (array of ids, at most 16);
 * - `members[earlierId].aliasOf`: the account id.
 *
 * Why both: a reader never trusts one peer's claim. An alias counts only when
 * the two entries agree, and each entry is written by its own person (the
 * relay binds an id to the first account that writes it and refuses it from
 * any other, see sync-server/policy/MemberIds.ts): claiming someone else's id
 * as an alias fails because their entry does not point back, and pointing
 * one's own entry at someone else (`aliasOf`) fails because theirs does not
 * list it. So a peer can neither take over another person's messages nor
 * pass its own off as theirs.
 */
import * as Y from 'yjs';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** Most aliases one entry may list (a person links each device once). */
export const MAX_ALIASES = 16;

/** The alias fields of an entry: the list on the person's entry, the pointer on an earlier one. */
export function writeAliasFields(fields: { aliases?: readonly string[]; aliasOf?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.aliases && fields.aliases.length > 0) out.aliases = fields.aliases.slice(0, MAX_ALIASES);
  if (fields.aliasOf !== undefined) out.aliasOf = fields.aliasOf;
  return out;
}

/** The aliases both sides agree on, in `members`: earlier id → the person's id. */
export function readMemberAliases(members: Y.Map<unknown>): Map<string, string> {
  const agreed = new Map<string, string>();
  for (const [id, value] of members.entries()) {
    if (!ENTITY_ID_PATTERN.test(id) || typeof value !== 'object' || value === null || value instanceof Y.AbstractType) continue;
    const aliases = (value as Record<string, unknown>).aliases;
    if (!Array.isArray(aliases)) continue;
    for (const alias of aliases.slice(0, MAX_ALIASES)) {
      if (typeof alias !== 'string' || alias === id || !ENTITY_ID_PATTERN.test(alias)) continue;
      const back = members.get(alias);
      if (typeof back === 'object' && back !== null && !(back instanceof Y.AbstractType) && (back as Record<string, unknown>).aliasOf === id) agreed.set(alias, id);
    }
  }
  // A person's id is never itself an alias (no chains): an earlier id points at a current one.
  for (const person of new Set(agreed.values())) agreed.delete(person);
  return agreed;
}
