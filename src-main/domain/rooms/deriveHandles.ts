/**
 * @handles are derived from display names, not stored: lowercased, accents
 * dropped, spaces become `.`, anything but letters, digits, `.`, `_` and `-`
 * goes. Members who would share one get `-2`, `-3`… in the order they joined
 * the workspace, so every device derives the same handles. Digital humans
 * are the exception: their handle is chosen (the local part of their
 * profile's handle, see docs/digital-humans.md) and settled first.
 */
import type { MemberRecord } from '../../storage/rooms/metaRoomsFormat';

/** The handle a display name would get, before clashes are settled. */
export function baseHandle(displayName: string): string {
  const folded = displayName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '.')
    .replace(/[^\p{L}\p{N}._-]/gu, '')
    .replace(/^[._-]+|[._-]+$/g, '');
  return folded.length > 0 ? folded.slice(0, 40) : 'member';
}

/**
 * Member id → unique handle, for `members` in the order they joined.
 * `explicit` holds the handles digital humans were given (member id →
 * handle): they are settled first, so a person's derived handle never takes
 * a DH's (the person gets `-2`), and two DHs given the same handle on two
 * devices at once are told apart the same way.
 */
export function deriveHandles(members: readonly MemberRecord[], explicit: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const ordered = [...members].sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  const given = ordered.filter((m) => explicit.has(m.id));
  for (const member of [...given, ...ordered.filter((m) => !explicit.has(m.id))]) {
    const base = explicit.get(member.id) ?? baseHandle(member.displayName);
    let handle = base;
    for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
    taken.add(handle);
    out.set(member.id, handle);
  }
  return out;
}
