/**
 * Contract of presence and typing: who of a synced workspace is online or
 * away, and who is typing where. They travel as Yjs awareness over the
 * workspace's `meta` socket (see docs/rooms.md, Presence and typing): they
 * are never stored, and a workspace that does not sync has nobody but you.
 */
import { z } from 'zod';
import { messageIdSchema, roomIdSchema, workspaceIdSchema } from '../ids';

/** What the local user is doing, set by the UI: `away` after a while without input. */
export const presenceStatusSchema = z.enum(['active', 'away']);

/** Where someone is typing. */
export const typingPlaceSchema = z.object({ roomId: z.string(), threadRootId: z.string().nullable() });

/** One person seen on the relay (all their devices together). */
export const presencePersonSchema = z.object({
  userId: z.string(),
  /** `online` when any of their devices is active, `away` when all are idle. */
  status: z.enum(['online', 'away']),
  /** Places they are typing in right now (one per device at most). */
  typing: z.array(typingPlaceSchema),
});

/** Everyone seen in a workspace, the local user included when their device is connected. */
export const workspacePresenceSchema = z.object({
  workspaceId: z.string(),
  people: z.array(presencePersonSchema),
});

export const presenceChannels = {
  'presence.list': {
    input: z.object({ workspaceId: workspaceIdSchema }).strict(),
    output: workspacePresenceSchema,
  },
  'presence.setStatus': {
    input: z.object({ status: presenceStatusSchema }).strict(),
    output: z.object({ status: presenceStatusSchema }),
  },
  'typing.set': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        roomId: roomIdSchema,
        threadRootId: messageIdSchema.optional(),
        typing: z.boolean(),
      })
      .strict(),
    output: z.object({ typing: z.boolean() }),
  },
} as const;

export const presenceEvents = {
  'presence.changed': workspacePresenceSchema,
} as const;

export type PresenceStatus = z.output<typeof presenceStatusSchema>;
export type PresencePerson = z.output<typeof presencePersonSchema>;
export type WorkspacePresence = z.output<typeof workspacePresenceSchema>;
export type TypingPlace = z.output<typeof typingPlaceSchema>;
