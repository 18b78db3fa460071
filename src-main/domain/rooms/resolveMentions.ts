/**
 * Finds the members a message mentions: `@handle` tokens (after a start of
 * text, whitespace or an opening bracket, and not inside code spans or
 * fenced code) that name a member of the workspace. A digital human's full
 * handle, `@philippe@qwanyx.com`, names it too.
 */
import type { MemberIndex } from './MemberDirectory';

const MENTION = /(^|[\s([{>])@([\p{L}\p{N}._-]+)(@[\p{L}\p{N}.-]+)?/gu;

/** Member ids mentioned in `text`, in order of first mention. */
export function resolveMentions(text: string, members: MemberIndex): string[] {
  const visible = text.replace(/```[\s\S]*?(```|$)/g, ' ').replace(/`[^`\n]*`/g, ' ');
  const found: string[] = [];
  for (const match of visible.matchAll(MENTION)) {
    // A handle never ends with punctuation: "@ada." at the end of a sentence is @ada.
    const handle = match[2]!.toLowerCase().replace(/[._-]+$/, '');
    const domain = match[3]?.toLowerCase().replace(/[.-]+$/, '');
    const member = (domain !== undefined ? members.byHandle.get(match[2]!.toLowerCase() + domain) : undefined) ?? members.byHandle.get(handle);
    if (member && !found.includes(member.id)) found.push(member.id);
  }
  return found;
}
