/**
 * Shapes the rooms channels answer with: rooms, members, messages, pages of
 * messages, search hits and unread counts. Inputs are in roomChannels.ts.
 */
import { z } from 'zod';
import { memberIdSchema, messageIdSchema, roomIdSchema, workspaceIdSchema } from '../ids';

/** `channel`: named, public or private. `dm`: a direct conversation between a few members. */
export const roomKindSchema = z.enum(['channel', 'dm']);

/** A person (`user`, id = their profile's userId) or a digital human (`dh`). */
export const memberKindSchema = z.enum(['user', 'dh']);

/** Someone who can be in a room and be @mentioned (`@handle`). */
export const memberSchema = z.object({
  id: memberIdSchema,
  kind: memberKindSchema,
  displayName: z.string(),
  /** Unique in the workspace, lowercase, no spaces: what `@handle` and `from:handle` match. */
  handle: z.string(),
  email: z.string().optional(),
});

/** A room as this user sees it: shared fields from the workspace plus local read state. */
export const roomSchema = z.object({
  id: roomIdSchema,
  name: z.string(),
  kind: roomKindSchema,
  private: z.boolean(),
  topic: z.string(),
  archived: z.boolean(),
  createdAt: z.number().int(),
  createdBy: memberIdSchema,
  memberIds: z.array(memberIdSchema),
  /** This user is a member of the room. */
  joined: z.boolean(),
  /** Muted rooms count no unread in the workspace total (mentions still count). */
  muted: z.boolean(),
  /** Messages by others after this user's read pointer (timeline and threads). */
  unread: z.number().int().min(0),
  /** Unread messages that mention this user. */
  mentions: z.number().int().min(0),
  /** The message this user read last, for "jump to first unread"; null if none. */
  lastReadMessageId: messageIdSchema.nullable(),
  lastMessageAt: z.number().int().nullable(),
  pinnedMessageIds: z.array(messageIdSchema),
});

/** One emoji on a message: how many reacted and whether this user did. */
export const reactionSchema = z.object({
  emoji: z.string(),
  count: z.number().int().min(1),
  mine: z.boolean(),
});

export const messageSchema = z.object({
  id: messageIdSchema,
  roomId: roomIdSchema,
  authorId: memberIdSchema,
  authorName: z.string(),
  authorKind: memberKindSchema,
  /** Markdown source; empty when deleted. Untrusted: render without raw HTML. */
  text: z.string(),
  createdAt: z.number().int(),
  editedAt: z.number().int().nullable(),
  /** A tombstone: the text is gone, the message keeps its place (and its thread). */
  deleted: z.boolean(),
  /** Set on thread replies: the id of the message the thread hangs off. */
  threadRootId: messageIdSchema.nullable(),
  replyCount: z.number().int().min(0),
  lastReplyAt: z.number().int().nullable(),
  reactions: z.array(reactionSchema),
  /** Member ids @mentioned in the text. */
  mentions: z.array(memberIdSchema),
  pinned: z.boolean(),
  /** Written on this device and not yet acknowledged by the relay (always false when local-only). */
  pending: z.boolean(),
});

/** Messages oldest first, and whether more exist on either side of the page. */
export const messagePageSchema = z.object({
  messages: z.array(messageSchema),
  hasMoreBefore: z.boolean(),
  hasMoreAfter: z.boolean(),
});

/** A piece of a search snippet; `match` pieces are the ones to highlight. Never HTML. */
export const textSegmentSchema = z.object({
  text: z.string(),
  match: z.boolean(),
});

export const searchHitSchema = z.object({
  message: messageSchema,
  roomId: roomIdSchema,
  roomName: z.string(),
  snippet: z.array(textSegmentSchema),
});

export const searchResultSchema = z.object({
  hits: z.array(searchHitSchema),
});

/** Unread counts of a workspace: the badge on the rail. */
export const unreadSummarySchema = z.object({
  workspaceId: workspaceIdSchema,
  /** Unread messages in joined, unmuted rooms. */
  total: z.number().int().min(0),
  /** Unread messages that mention this user, muted rooms included. */
  mentions: z.number().int().min(0),
});

export type RoomKind = z.output<typeof roomKindSchema>;
export type Member = z.output<typeof memberSchema>;
export type Room = z.output<typeof roomSchema>;
export type Reaction = z.output<typeof reactionSchema>;
export type Message = z.output<typeof messageSchema>;
export type MessagePage = z.output<typeof messagePageSchema>;
export type TextSegment = z.output<typeof textSegmentSchema>;
export type SearchHit = z.output<typeof searchHitSchema>;
export type SearchResult = z.output<typeof searchResultSchema>;
export type UnreadSummary = z.output<typeof unreadSummarySchema>;
