/**
 * @handles are derived from display names, not stored: lowercased, accents
 * dropped, spaces become `.`, anything but letters, digits, `.`, `_` and `-`
 * goes. Members who would share one get `-2`, `-3`… in the order they joined
 * the workspace, so every device derives the same handles.
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

/** Member id → unique handle, for `members` in the order they joined. */
export function deriveHandles(members: readonly MemberRecord[]): Map<string, string> {
  const ordered = [...members].sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const member of ordered) {
    const base = baseHandle(member.displayName);
    let handle = base;
    for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
    taken.add(handle);
    out.set(member.id, handle);
  }
  return out;
}
