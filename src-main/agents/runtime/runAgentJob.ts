/**
 * Runs one job of the outbox: checks who may ask, gets the workspace's
 * model client, gathers the context, streams the turn into the DH's reply
 * (tools through the gate), records the reply in the audit trail, lets the
 * model propose memory changes, and closes a handed-off task. Returns what
 * the job becomes: done, failed (with a clear message in the reply), or
 * queued again when the model server cannot be reached.
 */
import { AppError, ProviderUnreachableError } from '../../common/AppError';
import type { DigitalHuman } from '../../common/contract';
import { resolveMentions } from '../../domain/rooms/resolveMentions';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { QuotaExceededError, quotaMessage } from '../../domain/quotas/QuotaService';
import { USAGE_ACTION, writeUsageDetail, type UsageCounts } from '../../storage/governance/usageRecordFormat';
import type { AgentJob } from '../../storage/agents/AgentJobStore';
import { backoffDelay } from '../../sync/backoffDelay';
import type { ToolContext } from '../tools/AgentTool';
import { toolSpec } from '../tools/AgentTool';
import type { AgentJobHost } from './AgentJobHost';
import { newDataNonce } from './dataBlock';
import { gatherContext } from './gatherContext';
import { jobStoreOf } from './jobStoreOf';
import { meteredClient } from './meteredClient';
import { remember } from './remember';
import { ReplyWriter } from './ReplyWriter';
import { runAgentTurn } from './runAgentTurn';
import { ToolCallLog } from './ToolCallLog';
import { toolGateOf } from './toolGateOf';

export type JobOutcome = Partial<Pick<AgentJob, 'state' | 'nextAt' | 'lastError' | 'replyId'>>;

const QUEUED_NOTICE = '_Queued: the model server cannot be reached right now. The answer comes here as soon as it is back._';

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || (err.name === 'AbortError' && /timeout/i.test(err.message)));
}

/** Runs `job` to its end for `rt`, the runtime that started it; returns what the job becomes. */
export async function runAgentJob(rt: AgentJobHost, handle: WorkspaceHandle, job: AgentJob, signal: AbortSignal): Promise<JobOutcome> {
  const { deps, options } = rt;
  const store = jobStoreOf(handle);
  const ws = deps.rooms.forHandle(handle);
  let dh: DigitalHuman;
  try {
    dh = deps.dhs.get(handle.id, job.dhId);
  } catch {
    return { state: 'skipped', lastError: 'This digital human no longer exists' };
  }
  if (dh.archived) return { state: 'skipped', lastError: `${dh.name} is archived` };
  const replyId = job.replyId ?? deps.newId();
  if (job.replyId === null) store.update(job.id, { replyId }, deps.now());
  const writer = new ReplyWriter({
    handle,
    roomId: job.roomId,
    messageId: replyId,
    dhId: dh.id,
    postedBy: deps.rooms.userId,
    threadRootId: job.threadRootId,
    mentionsOf: (text) => resolveMentions(text, deps.rooms.members(ws)),
    now: deps.now,
  });
  const onBehalfOf = job.kind === 'task' || job.kind === 'reminder' ? job.onBehalfOf : (ws.messages.get(job.roomId, job.triggerId)?.author_id ?? job.onBehalfOf);
  const audit = (action: string, outcome: 'allowed' | 'denied' | 'failed', detail: string): void => {
    try {
      deps.audit.record(handle.id, { actorKind: 'dh', actorId: dh.id, onBehalfOf, action, resource: `room/${job.roomId}`, outcome, detail });
    } catch (err) {
      deps.log('error', 'writing the audit trail failed', err);
    }
  };
  // A job runs only on a device of the person it acts for: never silently on someone else's key.
  if (onBehalfOf !== null && onBehalfOf !== deps.rooms.userId) {
    audit('agent.reply', 'denied', 'the person who asked is not the user of this device');
    return { state: 'skipped', lastError: 'Another member asked: their own device answers' };
  }
  // Only owners, admins and members may use digital humans (a guest's own device refuses; the relay drops a guest's messages).
  if (onBehalfOf === deps.rooms.userId && deps.role(handle.id) === 'guest') {
    writer.finish(`⚠️ ${dh.name} cannot answer: guests may not use digital humans in this workspace.`);
    audit('agent.reply', 'denied', 'the person asking is a guest');
    return { state: 'failed', lastError: 'Guests may not use digital humans' };
  }
  // Consents: the words of a member who declined never reach a model, their request included.
  const declined = deps.consents?.declined(handle.id) ?? new Set<string>();
  if (onBehalfOf !== null && declined.has(onBehalfOf)) {
    writer.finish(`⚠️ ${dh.name} cannot answer: you chose that digital humans do not read what you write in this workspace (Settings → Privacy, or \`qwanyx consent set --dh-read yes\`).`);
    audit('agent.reply', 'denied', 'the person asking declined that digital humans read their messages');
    return { state: 'failed', lastError: 'The person asking declined that digital humans read their messages' };
  }
  // The daily quotas: a reply is a message, and it needs tokens.
  const over = deps.quotas?.check(handle.id, dh.id, onBehalfOf, {}, ['messages', 'tokens']) ?? null;
  if (over) {
    const message = quotaMessage(over, dh.name);
    writer.finish(`⚠️ ${message}`);
    audit('quota.exceeded', 'denied', message);
    return { state: 'failed', lastError: message.split('\n')[0]! };
  }
  const usage: UsageCounts = { tokens: 0, toolCalls: 0, messages: 0 };
  const recordUsage = (): void => {
    if (usage.tokens + usage.toolCalls + usage.messages === 0) return;
    try {
      deps.audit.record(handle.id, { actorKind: 'dh', actorId: dh.id, onBehalfOf, action: USAGE_ACTION, resource: `dh/${dh.id}`, outcome: 'allowed', detail: writeUsageDetail(usage) });
    } catch (err) {
      deps.log('error', 'recording what a digital human used failed', err);
    }
  };
  const nonce = newDataNonce();
  try {
    // Every request of the turn (steps, memory extraction) is counted, and stops at the daily token limit.
    const client = meteredClient(await deps.providers.clientFor(handle.id), usage, () => {
      const reached = deps.quotas?.check(handle.id, dh.id, onBehalfOf, { tokens: usage.tokens }, ['tokens']) ?? null;
      if (reached) throw new QuotaExceededError(reached, dh.name);
    });
    const context = await gatherContext(
      {
        rooms: deps.rooms,
        tasks: deps.tasks,
        memory: deps.memory,
        knowledge: deps.knowledge,
        workspaceName: deps.workspaces.get(handle.id).name,
        now: deps.now(),
        budgetTokens: options.budgetTokens,
        log: deps.log,
        nonce,
        actingFor: onBehalfOf,
        declined,
      },
      handle,
      dh,
      job,
    );
    const ctx: ToolContext = {
      workspaceId: handle.id,
      dh,
      roomId: job.roomId,
      threadRootId: job.threadRootId,
      onBehalfOf,
      jobId: job.id,
      triggerMessageId: job.kind === 'mention' || job.kind === 'dm' ? job.triggerId : null,
      replyId,
      untrusted: new Set(context.untrusted),
      usage,
    };
    if (dh.tools.includes('connectors')) await deps.connectors?.prepare(handle.id);
    const { tools, gate } = toolGateOf(rt, handle);
    const enabled = tools.filter((t) => dh.tools.includes(t.group));
    writer.ensure('…');
    const calls = new ToolCallLog({ handle, roomId: job.roomId, messageId: replyId, dhId: dh.id, postedBy: deps.rooms.userId, now: deps.now, log: deps.log }, new Map(tools.map((t) => [t.name, t])), ctx);
    const result = await runAgentTurn({
      client,
      model: dh.model ?? undefined,
      messages: context.messages,
      tools: enabled.map(toolSpec),
      gate,
      ctx,
      writer,
      signal,
      nonce,
      maxSteps: options.maxSteps,
      stepTimeoutMs: options.stepTimeoutMs,
      onRequest: () => deps.onFirstRequest?.(job),
      onToolCall: (name, raw, outcome, ms) => calls.record(name, raw, outcome, ms),
    });
    usage.messages += 1;
    audit('agent.reply', 'allowed', `${result.steps} step(s), ${result.toolCalls} tool call(s), ${context.tokens} context tokens`);
    if (job.kind === 'task') closeTask(rt, handle.id, job.triggerId, dh);
    if (dh.memoryEnabled && deps.memory) {
      // What is remembered points back to every message it came from (the exchange and the reply): forgetting a member's words finds it.
      const exchange = context.history.slice(-6);
      const sources = [...exchange.map((m) => m.id), replyId];
      await remember(rt, handle, { dh, client, ctx, gate }, exchange.map((m) => ({ author: m.authorName, text: m.text })), result.text, context.query, sources);
    }
    recordUsage();
    return { state: 'done', lastError: null };
  } catch (err) {
    recordUsage();
    if (err instanceof QuotaExceededError) {
      const partial = writer.text() === '…' ? '' : `${writer.text()}\n\n`;
      writer.finish(`${partial}⚠️ ${err.message}`);
      audit('quota.exceeded', 'denied', err.message);
      return { state: 'failed', lastError: err.message.split('\n')[0]! };
    }
    // Shutting down: leave the reply as it is; the job runs again when the workspace next opens.
    if (rt.isClosed) return { state: 'queued', nextAt: deps.now() };
    if (signal.aborted) {
      writer.finish(`${writer.text() === '…' ? '' : `${writer.text()}\n\n`}_(stopped)_`);
      audit('agent.reply', 'failed', 'stopped');
      return { state: 'failed', lastError: 'Stopped' };
    }
    if (err instanceof ProviderUnreachableError || isTimeout(err)) {
      writer.finish(QUEUED_NOTICE);
      const delay = backoffDelay(Math.max(0, job.attempts - 1), { minMs: options.retryMinMs, maxMs: options.retryMaxMs });
      return { state: 'queued', nextAt: deps.now() + delay, lastError: err instanceof Error ? err.message : String(err) };
    }
    const message = err instanceof AppError ? err.message : 'Something went wrong inside Qwanyx (the details are in the log).';
    if (!(err instanceof AppError)) deps.log('error', `agent job ${job.id} failed`, err);
    writer.finish(`⚠️ ${dh.name} could not answer: ${message}`);
    audit('agent.reply', 'failed', message);
    return { state: 'failed', lastError: message };
  }
}

function closeTask(rt: AgentJobHost, workspaceId: string, taskId: string, dh: DigitalHuman): void {
  try {
    const task = rt.deps.tasks.get(workspaceId, taskId);
    if (task.status !== 'done') rt.deps.tasks.update(workspaceId, taskId, { status: 'done' }, { kind: 'dh', id: dh.id });
  } catch (err) {
    rt.deps.log('warn', `closing handed-off task ${taskId} failed`, err);
  }
}
