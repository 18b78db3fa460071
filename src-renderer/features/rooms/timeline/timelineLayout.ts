/**
 * How consecutive messages are drawn: a message starts a new group (with
 * avatar, name and time) unless the previous one is by the same author, on
 * the same day, less than five minutes before, and neither is deleted; a
 * day divider goes above the first message of each day.
 */
import type { Message } from '../../../../src-main/common/contract';

/** Messages closer than this to the previous one by the same author join its group. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** True when `a` and `b` fall on the same local calendar day. */
export function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** True when `message` opens a new day in the timeline. */
export function startsDay(previous: Message | undefined, message: Message): boolean {
  return previous === undefined || !sameDay(previous.createdAt, message.createdAt);
}

/** True when `message` shows its author's name and avatar. */
export function startsGroup(previous: Message | undefined, message: Message): boolean {
  if (previous === undefined || startsDay(previous, message)) return true;
  if (previous.authorId !== message.authorId || previous.deleted || message.deleted) return true;
  return message.createdAt - previous.createdAt > GROUP_WINDOW_MS;
}

/** Where the unread part of a timeline begins, as far as the loaded messages tell. */
export interface UnreadStart {
  /** The first unread message, when it is loaded. */
  id: string | null;
  /** True when unread messages exist before the loaded ones (the start is not loaded yet). */
  before: boolean;
}

/**
 * The first message after the read pointer written by someone else: where
 * the "New" line goes. `unread` is the room's count when it was opened.
 */
export function unreadStart(messages: readonly Message[], lastReadMessageId: string | null, me: string, unread: number, hasMoreBefore: boolean): UnreadStart {
  if (unread === 0) return { id: null, before: false };
  let start = 0;
  if (lastReadMessageId !== null) {
    const index = messages.findIndex((m) => m.id === lastReadMessageId);
    if (index === -1) return { id: null, before: hasMoreBefore };
    start = index + 1;
  } else if (hasMoreBefore) {
    return { id: null, before: true };
  }
  for (let i = start; i < messages.length; i++) if (messages[i]!.authorId !== me) return { id: messages[i]!.id, before: false };
  return { id: null, before: false };
}
