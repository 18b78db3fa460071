/**
 * What the room shows once a held call has run after its approval
 * (ApprovalDesk): the run's tool-call card, like any other call's (done with
 * a summary of what came back, failed with why, or refused by a rule), and a
 * short follow-up reply of the digital human that reports it, under which
 * the card sits (format: storage/agents/toolCallDocFormat.ts, `approvalId`
 * links the card to the approval card). Only the holding device writes them,
 * once, right after the run.
 *
 * Why a follow-up written here and not a new turn of the model: the turn
 * that proposed the call ended long ago (the model was told "waits for
 * approval"), so without this the digital human never learns the result,
 * and nobody but the person who approved sees it. A new model turn would
 * cost tokens, need the provider to be reachable (an approval given offline
 * would wait in the outbox), and would put a connector's answer in front of
 * a model that holds write tools. So the reply is a fixed sentence plus the
 * result, and the result is data: it sits in a code block (shown as typed,
 * never as Markdown), mentions nobody (it may quote text written by anyone),
 * and the digital human's later turns read this reply as a tool's answer
 * (gatherContext: `approvalReportIds`), not as its own words, so an
 * instruction hidden in a GitHub issue title cannot become the DH's voice.
 * The sentence is in English, as the runtime's other notices in replies.
 * A problem writing either is logged: the run itself already happened.
 */
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import type { ApprovalRecord } from '../../storage/agents/ApprovalStore';
import { writeToolCall } from '../../storage/agents/toolCallDocFormat';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { AgentTool, ToolContext } from '../tools/AgentTool';
import { describeToolCall, type DescribedCall } from '../tools/describeToolCall';
import type { ToolOutcome } from '../tools/ToolGate';
import type { AgentRuntimeDeps } from './AgentRuntimeDeps';
import { ReplyWriter } from './ReplyWriter';

/** A held call that ran once approved, and who approved it. */
export interface ApprovedRun {
  record: ApprovalRecord;
  ctx: ToolContext;
  tool: AgentTool | undefined;
  outcome: ToolOutcome;
  ms: number;
  /** The display name of who approved it. */
  approvedBy: string;
}

/** Writes the run's card and the follow-up reply that reports it; returns the reply's id (null: nothing written). */
export function reportApprovedRun(deps: Pick<AgentRuntimeDeps, 'rooms' | 'now' | 'newId' | 'log'>, handle: WorkspaceHandle, run: ApprovedRun): string | null {
  const { record, ctx } = run;
  try {
    const call = describeToolCall(run.tool, record.tool, ctx, record.arguments, run.outcome);
    const messageId = deps.newId();
    const postedBy = deps.rooms.userId;
    // The card first: the reply's arrival is what makes the room reload its cards (a card under no reply is not shown).
    handle.docs.transact(roomDocName(record.roomId), txOrigin('agent', record.dhId), (doc) =>
      writeToolCall(doc, { ...call, messageId, index: 0, dhId: record.dhId, postedBy, ms: run.ms, at: deps.now(), approvalId: record.id }),
    );
    new ReplyWriter({
      handle,
      roomId: record.roomId,
      messageId,
      dhId: record.dhId,
      postedBy,
      threadRootId: record.threadRootId,
      mentionsOf: () => [],
      now: deps.now,
    }).finish(reportText(call, run.approvedBy, run.ms));
    return messageId;
  } catch (err) {
    deps.log('warn', `reporting the run of approved action ${record.id} failed`, err);
    return null;
  }
}

/** The follow-up's text: a fixed sentence, then what came back (or why not) as a code block. */
export function reportText(call: DescribedCall, approvedBy: string, ms: number): string {
  const took = ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
  const tool = `\`${call.tool}\``;
  if (call.outcome === 'ok') {
    const head = `Done: ${tool}, as ${approvedBy} approved (ran in ${took}).`;
    return call.result ? `${head} What came back:\n\n${codeBlock(call.result)}` : head;
  }
  const head =
    call.outcome === 'refused'
      ? `Not done: a rule refused ${tool} after ${approvedBy} approved it, so nothing ran.`
      : `Not done: ${tool} failed after ${approvedBy} approved it. It is not retried by itself: ask me again when it can run.`;
  return call.reason ? `${head}\n\n${codeBlock(call.reason)}` : head;
}

/** `text` as a fenced code block that nothing inside can close. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
