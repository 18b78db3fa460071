/**
 * Contract of quotas and usage: the daily limits on what digital humans use
 * (model tokens, tool calls, messages) per workspace, per member and per
 * digital human, kept in the synced `governance` doc (owners and admins set
 * them), and what was used, per day, per member and per DH, read from the
 * audit trail.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN, workspaceIdSchema } from '../ids';

const limitSchema = z.number().int('A limit is a whole number').min(0, 'A limit cannot be negative').max(1e12, 'A limit is at most 10^12').nullable();

/** Daily limits; null is no limit. */
export const quotaLimitsSchema = z.object({ tokens: limitSchema, toolCalls: limitSchema, messages: limitSchema });

export const usageCountsSchema = z.object({ tokens: z.number(), toolCalls: z.number(), messages: z.number() });

export const quotaSettingsSchema = z.object({
  workspace: quotaLimitsSchema,
  /** The default for each member, and each member that has their own. */
  member: quotaLimitsSchema,
  members: z.record(z.string(), quotaLimitsSchema),
  dh: quotaLimitsSchema,
  dhs: z.record(z.string(), quotaLimitsSchema),
  /** Whether the local user may change them (owners and admins). */
  canEdit: z.boolean(),
});

const usageRowSchema = usageCountsSchema.extend({ id: z.string(), name: z.string() });

export const usageReportSchema = z.object({
  /** Local days, oldest first, every day of the range (zeros included). */
  days: z.array(usageCountsSchema.extend({ day: z.string() })),
  /** Per member (who triggered the turns) and per DH, over the range, most tokens first. */
  members: z.array(usageRowSchema),
  dhs: z.array(usageRowSchema),
  total: usageCountsSchema,
  today: usageCountsSchema,
  quotas: quotaSettingsSchema,
});

const scopeIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'An id is 1-64 letters, digits, "_" or "-"');

export const quotaChannels = {
  'quota.get': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: quotaSettingsSchema },
  /** Sets the daily limits of a scope (owners and admins): the workspace, the default of members or DHs, or one of them (`id`); `clear` removes one's own limits. */
  'quota.set': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        scope: z.enum(['workspace', 'member', 'dh']),
        id: scopeIdSchema.optional(),
        limits: quotaLimitsSchema.partial().strict().optional(),
        clear: z.boolean().optional(),
      })
      .strict()
      .refine((i) => i.scope !== 'workspace' || i.id === undefined, 'The workspace scope takes no id')
      .refine((i) => (i.clear === true) !== (i.limits !== undefined), 'Give limits, or clear'),
    output: quotaSettingsSchema,
  },
  'usage.get': {
    input: z.object({ workspaceId: workspaceIdSchema, days: z.number().int().min(1, 'At least 1 day').max(90, 'At most 90 days').optional() }).strict(),
    output: usageReportSchema,
  },
} as const;

export const quotaEvents = {} as const;

export type QuotaLimitsView = z.output<typeof quotaLimitsSchema>;
export type QuotaSettings = z.output<typeof quotaSettingsSchema>;
export type UsageReport = z.output<typeof usageReportSchema>;
export type UsageCountsView = z.output<typeof usageCountsSchema>;
