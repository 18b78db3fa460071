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

const approvalIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Approval id must be 1-64 letters, digits, "_" or "-"');

/**
 * An action of a digital human held for the confirmation of the person who
 * triggered its turn (untrusted text was in its context): the exact tool
 * call, and what came of it.
 */
export const agentApprovalSchema = z.object({
  id: z.string(),
  dhId: z.string(),
  roomId: z.string(),
  threadRootId: z.string().nullable(),
  replyId: z.string().nullable(),
  requestedFor: z.string(),
  tool: z.string(),
  /** The call's arguments as parsed JSON (what will run when approved). */
  arguments: z.record(z.string(), z.unknown()),
  /** The kinds of untrusted text that were in the context (`messages`, `knowledge`, `memories`, `handoff`, `tasks`, `tool-results`). */
  reasons: z.array(z.string()),
  /** `approved`: decided on this device, the device that holds the job runs it when the decision reaches it. */
  state: z.enum(['pending', 'approved', 'done', 'failed', 'denied', 'expired']),
  result: z.string().nullable(),
  createdAt: z.number(),
  decidedAt: z.number().nullable(),
});

/**
 * One tool call of a digital human's reply as the room shows it
 * (docs/tool-call-cards.md): the action as a sentence key of the UI and
 * what fills it, what it acted on, what came of it and how long it took.
 * `arguments` and `result` are short plain text others may have written.
 */
export const toolCallViewSchema = z.object({
  index: z.number().int(),
  tool: z.string(),
  words: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
  target: z.string().nullable(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  reason: z.string().nullable(),
  ms: z.number().int(),
  arguments: z.string(),
  result: z.string().nullable(),
  at: z.number(),
  /** The held call this call ran once approved (its approval card links here); null for a call of the reply itself. */
  approvalId: z.string().nullable().optional(),
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
  /** Actions held for confirmation on this device, newest first (of one room, or all). */
  'agent.approvals': {
    input: z.object({ workspaceId: workspaceIdSchema, roomId: z.string().regex(ENTITY_ID_PATTERN, 'Room id must be 1-64 letters, digits, "_" or "-"').optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(agentApprovalSchema),
  },
  /** The tool calls of the digital humans' replies of a room the person may see, by reply. */
  'agent.toolCalls': {
    input: z.object({ workspaceId: workspaceIdSchema, roomId: z.string().regex(ENTITY_ID_PATTERN, 'Room id must be 1-64 letters, digits, "_" or "-"') }).strict(),
    output: z.array(z.object({ messageId: z.string(), calls: z.array(toolCallViewSchema) })),
  },
  /** The person who triggered the turn approves (the held call runs now) or denies (nothing happens). */
  'agent.decide': {
    input: z.object({ workspaceId: workspaceIdSchema, approvalId: approvalIdSchema, decision: z.enum(['approve', 'deny']) }).strict(),
    output: agentApprovalSchema,
  },
} as const;

export const agentEvents = {
  'agent.jobChanged': z.object({ workspaceId: z.string(), job: agentJobSchema }),
  'agent.approvalChanged': z.object({ workspaceId: z.string(), approval: agentApprovalSchema }),
} as const;

export type AgentApprovalView = z.output<typeof agentApprovalSchema>;

export type AgentJobView = z.output<typeof agentJobSchema>;

export type ToolCallView = z.output<typeof toolCallViewSchema>;
