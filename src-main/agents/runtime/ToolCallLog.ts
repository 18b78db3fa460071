/**
 * The tool calls of one reply, written into its room doc as they end
 * (format: storage/agents/toolCallDocFormat.ts) so the room shows what the
 * digital human looked at or did (docs/tool-call-cards.md). A call held for
 * approval is not written: its approval card says it. A reply that runs
 * again (it waited in the outbox) starts its list afresh. Writing a card
 * never fails the turn: a problem is logged.
 */
import type { Logger } from '../../common/Logger';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { MAX_CALLS_PER_REPLY, TOOL_CALLS_MAP, toolCallKeysOf, writeToolCall } from '../../storage/agents/toolCallDocFormat';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { AgentTool, ToolContext } from '../tools/AgentTool';
import { describeToolCall } from '../tools/describeToolCall';
import type { ToolOutcome } from '../tools/ToolGate';

export interface ToolCallSlot {
  handle: WorkspaceHandle;
  roomId: string;
  messageId: string;
  dhId: string;
  /** The member whose device writes the reply. */
  postedBy: string;
  now: () => number;
  log: Logger;
}

export class ToolCallLog {
  private next = 0;
  private cleared = false;

  constructor(
    private readonly slot: ToolCallSlot,
    private readonly tools: ReadonlyMap<string, AgentTool>,
    private readonly ctx: ToolContext,
  ) {}

  /** Records call `name` with `rawArguments` that ended in `outcome` after `ms`. */
  record(name: string, rawArguments: string, outcome: ToolOutcome, ms: number): void {
    if (outcome.pending || this.next >= MAX_CALLS_PER_REPLY) return;
    const { handle, roomId, messageId, dhId, postedBy, now, log } = this.slot;
    try {
      const call = describeToolCall(this.tools.get(name), name, this.ctx, rawArguments, outcome);
      const index = this.next++;
      handle.docs.transact(roomDocName(roomId), txOrigin('agent', dhId), (doc) => {
        if (!this.cleared) {
          // An earlier attempt of this reply may have left calls: this run's list replaces them.
          const map = doc.getMap(TOOL_CALLS_MAP);
          for (const key of toolCallKeysOf(doc, messageId)) map.delete(key);
          this.cleared = true;
        }
        writeToolCall(doc, { ...call, messageId, index, dhId, postedBy, ms, at: now() });
      });
    } catch (err) {
      log('warn', `recording a tool call of reply ${messageId} failed`, err);
    }
  }
}
