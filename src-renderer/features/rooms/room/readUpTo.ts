/**
 * How far the read pointer may go when the bottom of a timeline is in view:
 * up to the newest message shown, but never onto a digital human's reply
 * that is still being written. A reply finishes by changing its message in
 * place (same id, same time), so a pointer already past its "…" would never
 * count the finished text as unread: the person who left while it was being
 * written would find no badge saying it arrived.
 */
import type { Message } from '../../../../src-main/common/contract';

/** The text of a digital human's reply before its first word (written by any device). */
export const REPLY_PLACEHOLDER = '…';

/** True for a digital human's message that holds nothing but the placeholder yet. */
export function isReplyPlaceholder(message: Message): boolean {
  return message.authorKind === 'dh' && !message.deleted && message.text === REPLY_PLACEHOLDER;
}

/**
 * The id of the newest message at or before `lastId` that is not being
 * written (`beingWritten` knows this device's replies; a placeholder counts
 * from any device), or null when there is none.
 */
export function readUpTo(messages: readonly Message[], lastId: string, beingWritten: (messageId: string) => boolean): string | null {
  let index = messages.findIndex((m) => m.id === lastId);
  if (index === -1) return null;
  for (; index >= 0; index--) {
    const message = messages[index]!;
    if (!beingWritten(message.id) && !isReplyPlaceholder(message)) return message.id;
  }
  return null;
}
