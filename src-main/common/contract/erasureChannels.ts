/**
 * Contract of erasure and retention (docs/erasure.md): an owner erases a
 * member's contributions from a workspace (on the relay, this device and,
 * as they sync, every other device), and sets how long messages are kept.
 */
import { z } from 'zod';
import { MAX_RETENTION_DAYS } from '../erasure/erasureRecords';
import { memberIdSchema, workspaceIdSchema } from '../ids';

const countsSchema = z.object({
  messages: z.number().int(),
  reactions: z.number().int(),
  reads: z.number().int(),
  pins: z.number().int(),
  memories: z.number().int(),
  files: z.number().int(),
  docs: z.number().int(),
});

export const erasureViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['member', 'retention']),
  /** The member erased, or null for a retention sweep. */
  memberId: z.string().nullable(),
  /** Messages created before this instant were erased (retention), or null. */
  before: z.number().nullable(),
  at: z.number(),
  /** The owner who asked. */
  by: z.string(),
  counts: countsSchema,
  /** Whether this device has applied it: its own history rewritten, files deleted. */
  applied: z.boolean(),
});

export const retentionViewSchema = z.object({
  /** Days messages are kept; null: forever. */
  days: z.number().int().nullable(),
  by: z.string().nullable(),
  at: z.number().nullable(),
});

const retentionDays = z
  .number()
  .int('Retention is a whole number of days')
  .min(1, 'Retention is at least 1 day')
  .max(MAX_RETENTION_DAYS, `Retention is at most ${MAX_RETENTION_DAYS} days`)
  .nullable();

export const erasureChannels = {
  /** Erases a member's messages, files, reactions, read pointers and the memories learnt from them (owners only). */
  'member.erase': { input: z.object({ workspaceId: workspaceIdSchema, memberId: memberIdSchema }).strict(), output: erasureViewSchema },
  /** The erasures of a workspace, oldest first. */
  'erasure.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(erasureViewSchema) },
  'retention.get': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: retentionViewSchema },
  /** Sets (days) or clears (null) how long messages are kept, then erases what is older (owners only). */
  'retention.set': { input: z.object({ workspaceId: workspaceIdSchema, days: retentionDays }).strict(), output: retentionViewSchema },
  /** Erases now the messages past the retention (owners only); null when nothing is set. */
  'retention.sweep': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: erasureViewSchema.nullable() },
} as const;

export const erasureEvents = {} as const;

export type ErasureView = z.output<typeof erasureViewSchema>;
export type RetentionView = z.output<typeof retentionViewSchema>;
