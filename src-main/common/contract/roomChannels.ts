/**
 * Contract of team rooms: rooms, members, messages, read state and search
 * (see docs/rooms.md). Every input is strict and names its workspace.
 */
import { z } from 'zod';
import { memberIdSchema, messageIdSchema, roomIdSchema, workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';
import {
  memberSchema,
  messagePageSchema,
  messageSchema,
  roomKindSchema,
  roomSchema,
  searchResultSchema,
  unreadSummarySchema,
} from './roomSchemas';

/** Longest message text, in UTF-16 code units. */
export const MESSAGE_MAX_LENGTH = 40_000;

/**
 * A channel name as Slack users expect it: trimmed, lowercased, spaces become
 * `-`; letters, digits, `_`, `.` and `-`; 1 to 80 characters.
 */
export const roomNameSchema = z
  .string()
  .max(200, 'Name is at most 80 characters')
  .transform((s) => s.trim().toLowerCase().replace(/\s+/g, '-'))
  .pipe(
    z
      .string()
      .min(1, 'Name cannot be empty')
      .max(80, 'Name is at most 80 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u, 'Name may hold letters, digits, "_", "." and "-"'),
  );

/** A room topic: one line, at most 250 characters (empty clears it). */
export const roomTopicSchema = z
  .string()
  .trim()
  .max(250, 'Topic is at most 250 characters')
  .refine((s) => !hasControlChars(s), 'Topic is one line without control characters');

/** Message text (Markdown): not blank, at most MESSAGE_MAX_LENGTH characters, no NUL. */
export const messageTextSchema = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `A message is at most ${MESSAGE_MAX_LENGTH} characters`)
  .refine((s) => s.trim().length > 0, 'Message cannot be empty')
  .refine((s) => !s.includes('\u0000'), 'Message cannot contain NUL characters');

/** One emoji (or short :name:) for a reaction. */
export const emojiSchema = z
  .string()
  .min(1)
  .max(32, 'Reaction is one emoji')
  .refine((s) => !hasControlChars(s) && !/\s/.test(s), 'Reaction is one emoji');

/** Page size of message lists: 1 to 200, 50 when not given. */
export const pageLimitSchema = z.number().int().min(1).max(200).default(50);

const roomRef = { workspaceId: workspaceIdSchema, roomId: roomIdSchema };
const messageRef = { ...roomRef, messageId: messageIdSchema };

const roomCreateInput = z
  .object({
    workspaceId: workspaceIdSchema,
    /** Required for channels; a DM without a name is named after its members. */
    name: roomNameSchema.optional(),
    kind: roomKindSchema.default('channel'),
    private: z.boolean().optional(),
    topic: roomTopicSchema.optional(),
    /** Other members to add; the creator is always a member. */
    memberIds: z.array(memberIdSchema).max(500).optional(),
  })
  .strict()
  .refine((v) => v.kind === 'dm' || v.name !== undefined, { message: 'A channel needs a name', path: ['name'] });

const messageListInput = z
  .object({
    ...roomRef,
    /** Lists the replies of this thread instead of the room's timeline. */
    threadRootId: messageIdSchema.optional(),
    /** Messages older than this one (exclusive). */
    before: messageIdSchema.optional(),
    /** Messages newer than this one (exclusive). */
    after: messageIdSchema.optional(),
    limit: pageLimitSchema,
  })
  .strict()
  .refine((v) => v.before === undefined || v.after === undefined, { message: 'Give before or after, not both' });

/** Rooms channels: name → input and output schema. */
export const roomChannels = {
  /** Rooms this user can see (public channels, and private rooms and DMs they are in), with read state. */
  'room.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(roomSchema) },
  'room.create': { input: roomCreateInput, output: roomSchema },
  'room.update': {
    input: z
      .object({ ...roomRef, name: roomNameSchema.optional(), topic: roomTopicSchema.optional(), archived: z.boolean().optional() })
      .strict(),
    output: roomSchema,
  },
  /** Local to this device: muting is a preference, not shared. */
  'room.setMuted': { input: z.object({ ...roomRef, muted: z.boolean() }).strict(), output: roomSchema },
  'room.join': { input: z.object(roomRef).strict(), output: roomSchema },
  'room.leave': { input: z.object(roomRef).strict(), output: roomSchema },
  'room.addMember': { input: z.object({ ...roomRef, memberId: memberIdSchema }).strict(), output: roomSchema },
  'room.removeMember': { input: z.object({ ...roomRef, memberId: memberIdSchema }).strict(), output: roomSchema },
  /** Everyone in the workspace: people, and digital humans once they exist. */
  'member.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(memberSchema) },
  /** A page of the timeline (or of a thread): the latest one without before/after. */
  'message.list': { input: messageListInput, output: messagePageSchema },
  /** The page around one message (about limit/2 on each side), for jumping to it in context. */
  'message.around': { input: z.object({ ...messageRef, limit: pageLimitSchema }).strict(), output: messagePageSchema },
  /** Pinned messages of a room, oldest first. */
  'message.pinned': { input: z.object(roomRef).strict(), output: z.array(messageSchema) },
  /** Posts as this user; `@handle` in the text mentions that member. */
  'message.post': {
    input: z.object({ ...roomRef, text: messageTextSchema, threadRootId: messageIdSchema.optional() }).strict(),
    output: messageSchema,
  },
  /** Only the author may edit. */
  'message.edit': { input: z.object({ ...messageRef, text: messageTextSchema }).strict(), output: messageSchema },
  /** Only the author may delete; leaves a tombstone without the text. */
  'message.delete': { input: z.object(messageRef).strict(), output: messageSchema },
  'message.react': { input: z.object({ ...messageRef, emoji: emojiSchema, on: z.boolean() }).strict(), output: messageSchema },
  'message.pin': { input: z.object({ ...messageRef, on: z.boolean() }).strict(), output: messageSchema },
  /** Moves this user's read pointer to this message (never backwards). */
  'read.mark': { input: z.object(messageRef).strict(), output: roomSchema },
  'read.markAll': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: unreadSummarySchema },
  'read.summary': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: unreadSummarySchema },
  /** Full-text search with filters; see docs/rooms.md for the syntax. */
  search: {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        query: z.string().max(500, 'Search is at most 500 characters'),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    output: searchResultSchema,
  },
} as const;

/** Rooms events: name → payload schema. */
export const roomEvents = {
  /** Rooms were created, renamed, archived, joined, left, muted… or their counts moved: call room.list. */
  'rooms.changed': z.object({ workspaceId: workspaceIdSchema }),
  /** These messages were added or changed (locally or by a peer): refetch the ones on screen. */
  'messages.changed': z.object({ workspaceId: workspaceIdSchema, roomId: roomIdSchema, messageIds: z.array(messageIdSchema) }),
  /** The workspace's unread badge changed. */
  'unread.changed': unreadSummarySchema,
} as const;
