/** Projected message rows as the contract's messages: authors, reply counts, reactions. */
import type { Message, Reaction } from '../../common/contract';
import type { MessageRow } from '../../storage/rooms/MessageQueries';
import { personId } from './MemberDirectory';
import type { RoomsContext, RoomsWorkspace } from './RoomsContext';

/** `rows` (all of one room) as contract messages, in the same order. */
export function describeMessages(ctx: RoomsContext, ws: RoomsWorkspace, roomId: string, rows: readonly MessageRow[]): Message[] {
  if (rows.length === 0) return [];
  const members = ctx.members(ws);
  const roots = rows.filter((r) => r.thread_root_id === null).map((r) => r.id);
  const replies = ws.messages.replyStats(roomId, roots);
  const reactions = new Map<string, Map<string, Reaction>>();
  const reactors = new Map<string, Set<string>>();
  for (const r of ws.messages.reactions(roomId, rows.map((row) => row.id))) {
    let byEmoji = reactions.get(r.message_id);
    if (!byEmoji) reactions.set(r.message_id, (byEmoji = new Map()));
    const reaction = byEmoji.get(r.emoji) ?? { emoji: r.emoji, count: 0, mine: false };
    // One person reacting under two of their ids (before and after linking their account) counts once.
    const person = personId(members, r.user_id);
    const seen = reactors.get(`${r.message_id}\u0000${r.emoji}`) ?? new Set<string>();
    reactors.set(`${r.message_id}\u0000${r.emoji}`, seen);
    if (!seen.has(person)) reaction.count += 1;
    seen.add(person);
    reaction.mine ||= ctx.isMe(ws, r.user_id);
    byEmoji.set(r.emoji, reaction);
  }
  return rows.map((row) => {
    const author = members.byId.get(row.author_id);
    const stats = replies.get(row.id);
    return {
      id: row.id,
      roomId: row.room_id,
      authorId: personId(members, row.author_id),
      authorName: author?.displayName ?? 'Unknown',
      authorKind: author?.kind ?? 'user',
      text: row.text,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deleted: row.deleted === 1,
      threadRootId: row.thread_root_id,
      replyCount: stats?.count ?? 0,
      lastReplyAt: stats?.lastAt ?? null,
      reactions: [...(reactions.get(row.id)?.values() ?? [])].sort((a, b) => b.count - a.count || (a.emoji < b.emoji ? -1 : 1)),
      mentions: JSON.parse(row.mentions) as string[],
      pinned: row.pinned === 1,
      pending: row.pending === 1,
    };
  });
}
