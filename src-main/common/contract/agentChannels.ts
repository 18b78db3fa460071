/**
 * Contract of the agent runtime and the audit trail: the jobs of the
 * durable outbox (what digital humans are answering, queued or failed on
 * this device), cancelling and retrying one, and the workspace's audit
 * entries.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN, workspaceIdSchema } from '../ids';

const jobIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Job id must be 1-64 letters, digits, "_" or "-"');

/** A job of the agent outbox, as the UI and the CLI see it. */
export const agentJobSchema = z.object({
  id: z.string(),
  kind: z.enum(['mention', 'dm', 'task', 'reminder']),
  dhId: z.string(),
  roomId: z.string(),
  threadRootId: z.string().nullable(),
  triggerId: z.string(),
  replyId: z.string().nullable(),
  state: z.enum(['waiting', 'queued', 'running', 'done', 'failed', 'skipped']),
  attempts: z.number().int(),
  nextAt: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
});

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

export const agentChannels = {
  'agent.jobs': {
    input: z.object({ workspaceId: workspaceIdSchema, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(agentJobSchema),
  },
  /** Stops a job that runs or waits; its reply says it was stopped. */
  'agent.cancel': { input: z.object({ workspaceId: workspaceIdSchema, jobId: jobIdSchema }).strict(), output: agentJobSchema },
  /** Runs a queued or failed job now. */
  'agent.retry': { input: z.object({ workspaceId: workspaceIdSchema, jobId: jobIdSchema }).strict(), output: agentJobSchema },
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

export const agentEvents = {
  'agent.jobChanged': z.object({ workspaceId: z.string(), job: agentJobSchema }),
  /** The workspace's audit trail has new entries (from this device or a teammate's). */
  'audit.changed': z.object({ workspaceId: z.string() }),
} as const;

export type AgentJobView = z.output<typeof agentJobSchema>;
export type AuditEntry = z.output<typeof auditEntrySchema>;
