/**
 * `qwanyx ask --workspace W --room R "@handle question"`: posts the question
 * as the local user, lets the digital humans it calls on answer on this
 * device (the agent runtime runs in the CLI's core like in the app), and
 * prints each reply. A question the model server cannot take now stays in
 * the outbox: the app answers it once the server is back.
 */
import type { Core } from '../../Core';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveRoom, resolveWorkspace } from '../../cli/resolveTargets';
import { timeoutMs } from '../../cli/timeoutMs';

const DEFAULT_TIMEOUT_S = 120;

/** Asks the digital humans of a room a question and prints their replies. */
export const askCommand: CliCommand = {
  name: 'ask',
  usage: 'ask --workspace W --room R "@handle question" [--timeout S] [--json]',
  notes: ['(runs the digital humans it calls on, prints their replies)'],
  flags: { workspace: 'string', room: 'string', timeout: 'string', json: 'boolean' },
  positionals: 1,
  async run({ core, flags, out }, [text]) {
    if (text!.trim() === '') throw new CliUsageError('ask needs a question');
    const waitMs = timeoutMs(flags.timeout, DEFAULT_TIMEOUT_S);
    const workspaceId = await resolveWorkspace(core, flags.workspace);
    const room = await resolveRoom(core, workspaceId, flags.room);
    const question = await callCore(core, 'message.post', { workspaceId, roomId: room.id, text: text! });
    // The CLI's runtime is paused (other commands leave answers to the app): this command answers here.
    core.agents.resume();
    const jobs = (await callCore(core, 'agent.jobs', { workspaceId, limit: 50 })).filter((j) => j.triggerId === question.id);
    if (jobs.length === 0) throw new CliCommandError('NOT_FOUND', 'No digital human was asked: mention one with @handle (see qwanyx dh list), or ask in a direct message with one');
    const dhs = new Map((await callCore(core, 'dh.list', { workspaceId })).map((d) => [d.id, d]));
    const results: { dh: string; state: string; text: string }[] = [];
    for (const job of jobs) {
      const settled = await core.agents.waitFor(workspaceId, job.dhId, question.id, waitMs);
      const reply = settled?.replyId ? await replyText(core, workspaceId, room.id, settled.replyId) : '';
      results.push({ dh: dhs.get(job.dhId)?.handle ?? job.dhId, state: settled?.state ?? 'running', text: reply });
    }
    if (flags.json) out(JSON.stringify({ messageId: question.id, replies: results }));
    else for (const r of results.filter((x) => x.state === 'done')) out(jobs.length > 1 ? `@${r.dh}: ${r.text}` : r.text);
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
