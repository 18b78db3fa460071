/**
 * Contract of the audit trail: the workspace's audit entries, newest first,
 * and the event that tells the shells new ones arrived.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN, workspaceIdSchema } from '../ids';

/** One entry of the audit trail. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actorKind: z.enum(['member', 'dh', 'system']),
  actorId: z.string(),
  onBehalfOf: z.string().nullable(),
  action: z.string(),
  resource: z.string(),
  outcome: z.enum(['allowed', 'denied', 'failed']),
  detail: z.string(),
});

export const auditChannels = {
  'audit.list': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        limit: z.number().int().min(1).max(1000).optional(),
        beforeAt: z.number().int().min(0).optional(),
        actorId: z.string().regex(ENTITY_ID_PATTERN, 'Actor id must be 1-64 letters, digits, "_" or "-"').optional(),
      })
      .strict(),
    output: z.array(auditEntrySchema),
  },
} as const;

export const auditEvents = {
  /** The workspace's audit trail has new entries (from this device or a teammate's). */
  'audit.changed': z.object({ workspaceId: z.string() }),
} as const;

export type AuditEntry = z.output<typeof auditEntrySchema>;
