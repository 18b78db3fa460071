/**
 * `qwanyx ask --workspace W --room R "@handle question"`: posts the question
 * as the local user, lets the digital humans it calls on answer on this
 * device (the agent runtime runs in the CLI's core like in the app), and
 * prints each reply. A question the model server cannot take now stays in
 * the outbox: the app answers it once the server is back. Actions a reply
 * holds for confirmation are printed with their ids; `--approve ID` runs
 * one, `--deny ID` drops it, `--pending` lists those still waiting.
 */
import type { Core } from '../../Core';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveRoom, resolveWorkspace } from '../../cli/resolveTargets';
import { timeoutMs } from '../../cli/timeoutMs';
import type { AgentApprovalView } from '../../../common/contract';

const DEFAULT_TIMEOUT_S = 120;

/** Asks the digital humans of a room a question and prints their replies. */
export const askCommand: CliCommand = {
  name: 'ask',
  usage: 'ask --workspace W --room R "@handle question" [--timeout S] [--json]\n    | ask --workspace W --approve ID | --deny ID | --pending [--json]',
  notes: ['(runs the digital humans it calls on, prints their replies;', 'actions held for your confirmation: --approve runs one, --deny drops it)'],
  flags: { workspace: 'string', room: 'string', timeout: 'string', json: 'boolean', approve: 'string', deny: 'string', pending: 'boolean' },
  positionals: { min: 0 },
  async run({ core, flags, out }, args) {
    const decision = flags.approve !== undefined ? 'approve' : flags.deny !== undefined ? 'deny' : null;
    const named = typeof flags.workspace === 'string' ? flags.workspace : null;
    const modes = [decision !== null, flags.pending === true, args.length > 0].filter(Boolean).length;
    if (modes !== 1 || (flags.approve !== undefined && flags.deny !== undefined) || args.length > 1) {
      throw new CliUsageError('ask takes one question, or one of --approve ID, --deny ID, --pending');
    }
    if (decision !== null || flags.pending) {
      const workspaceId = await resolveWorkspace(core, flags.workspace);
      if (decision === null) {
        const pending = (await callCore(core, 'agent.approvals', { workspaceId })).filter((a) => a.state === 'pending');
        if (flags.json) out(JSON.stringify(pending));
        else for (const a of pending) out(describeHeld(a, named ?? workspaceId));
        return;
      }
      const decided = await callCore(core, 'agent.decide', { workspaceId, approvalId: String(flags.approve ?? flags.deny), decision });
      if (flags.json) out(JSON.stringify(decided));
      else out(decidedLine(decided));
      if (decided.state === 'failed') throw new CliCommandError('AGENT_FAILED', `${decided.tool} failed: ${decided.result ?? ''}`);
      return;
    }
    const text = args[0]!;
    if (text.trim() === '') throw new CliUsageError('ask needs a question');
    const waitMs = timeoutMs(flags.timeout, DEFAULT_TIMEOUT_S);
    const workspaceId = await resolveWorkspace(core, flags.workspace);
    const room = await resolveRoom(core, workspaceId, flags.room);
    const question = await callCore(core, 'message.post', { workspaceId, roomId: room.id, text: text! });
    // The CLI's runtime is paused (other commands leave answers to the app): this command answers here.
    core.agents.resume();
    const jobs = (await callCore(core, 'agent.jobs', { workspaceId, limit: 50 })).filter((j) => j.triggerId === question.id);
    if (jobs.length === 0) throw new CliCommandError('NOT_FOUND', 'No digital human was asked: mention one with @handle (see qwanyx dh list), or ask in a direct message with one');
    const dhs = new Map((await callCore(core, 'dh.list', { workspaceId })).map((d) => [d.id, d]));
    const results: { dh: string; state: string; text: string; replyId: string | null }[] = [];
    for (const job of jobs) {
      const settled = await core.agents.waitFor(workspaceId, job.dhId, question.id, waitMs);
      const reply = settled?.replyId ? await replyText(core, workspaceId, room.id, settled.replyId) : '';
      results.push({ dh: dhs.get(job.dhId)?.handle ?? job.dhId, state: settled?.state ?? 'running', text: reply, replyId: settled?.replyId ?? null });
    }
    const replyIds = new Set(results.map((r) => r.replyId));
    const held = (await callCore(core, 'agent.approvals', { workspaceId, roomId: room.id })).filter((a) => a.state === 'pending' && replyIds.has(a.replyId));
    if (flags.json) out(JSON.stringify({ messageId: question.id, replies: results.map(({ replyId: _r, ...r }) => r), pending: held }));
    else {
      for (const r of results.filter((x) => x.state === 'done')) out(jobs.length > 1 ? `@${r.dh}: ${r.text}` : r.text);
      for (const a of held) out(describeHeld(a, named ?? workspaceId));
    }
    const unfinished = results.find((r) => r.state !== 'done');
    if (unfinished) {
      const why = unfinished.state === 'queued' ? 'is queued: the model server cannot be reached; the app answers once it is back' : unfinished.state === 'running' ? `did not finish within ${waitMs / 1000} s` : 'could not answer';
      throw new CliCommandError(unfinished.state === 'queued' ? 'PROVIDER_UNREACHABLE' : 'AGENT_FAILED', `@${unfinished.dh} ${why}`);
    }
  },
};

async function replyText(core: Core, workspaceId: string, roomId: string, replyId: string): Promise<string> {
  const page = await callCore(core, 'message.around', { workspaceId, roomId, messageId: replyId, limit: 3 });
  return page.messages.find((m) => m.id === replyId)?.text ?? '';
}

/** What came of a decision: done here, or (held on another of the person's devices) recorded for that device. */
function decidedLine(decided: AgentApprovalView): string {
  if (decided.state === 'denied') return `Denied: ${decided.tool} did not run.`;
  if (decided.state === 'done') return `Approved: ${decided.tool} ran.`;
  if (decided.state === 'approved') return `Approved: ${decided.tool} runs on the device that holds it once your approval reaches it.`;
  return `Approved, but ${decided.tool} failed: ${decided.result ?? ''}`;
}

/** One held action, with the command that approves it. */
function describeHeld(a: AgentApprovalView, workspace: string): string {
  const quoted = /^[\w.@-]+$/.test(workspace) ? workspace : JSON.stringify(workspace);
  return `Waiting for your approval: ${a.tool} ${JSON.stringify(a.arguments)} (context had ${a.reasons.join(', ')}). Run: qwanyx ask --workspace ${quoted} --approve ${a.id} (or --deny ${a.id})`;
}
