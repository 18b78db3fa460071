/**
 * Contract of consents: whether the local member lets digital humans read
 * and remember what they write in a workspace (their own entry of the
 * synced `governance` doc's `consents` map; docs/consents.md). Each member
 * sets only their own.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';

export const consentViewSchema = z.object({
  /** The local member's id (the key of their entry). */
  memberId: z.string(),
  /** Whether digital humans may read and remember what this member writes (true when never set). */
  dhRead: z.boolean(),
  /** When the member chose, or null when they never did. */
  at: z.number().nullable(),
  /** Memories forgotten by this change (0 for a read). */
  forgotten: z.number().int().min(0),
});

export const consentChannels = {
  'consent.get': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: consentViewSchema },
  /** Records the local member's choice; `dhRead: false` also forgets what digital humans learnt from their messages. */
  'consent.set': { input: z.object({ workspaceId: workspaceIdSchema, dhRead: z.boolean({ message: 'dhRead is true or false' }) }).strict(), output: consentViewSchema },
} as const;

export const consentEvents = {} as const;

export type ConsentView = z.output<typeof consentViewSchema>;
