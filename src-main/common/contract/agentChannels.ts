/**
 * Contract of the agent runtime: the jobs of the durable outbox (what
 * digital humans are answering, queued or failed on this device),
 * cancelling and retrying one.
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

export const agentChannels = {
  'agent.jobs': {
    input: z.object({ workspaceId: workspaceIdSchema, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(agentJobSchema),
  },
  /** Stops a job that runs or waits; its reply says it was stopped. */
  'agent.cancel': { input: z.object({ workspaceId: workspaceIdSchema, jobId: jobIdSchema }).strict(), output: agentJobSchema },
  /** Runs a queued or failed job now. */
  'agent.retry': { input: z.object({ workspaceId: workspaceIdSchema, jobId: jobIdSchema }).strict(), output: agentJobSchema },
} as const;

export const agentEvents = {
  'agent.jobChanged': z.object({ workspaceId: z.string(), job: agentJobSchema }),
} as const;

export type AgentJobView = z.output<typeof agentJobSchema>;
