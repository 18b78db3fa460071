/**
 * After a turn, the model proposes memory changes (extractMemories.ts) and
 * they are applied as the DH, with the messages they came from. When the
 * turn's context held untrusted text, only additions apply at once: an
 * update or a removal is held for the confirmation of the person the DH
 * acted for, as the memory_update and memory_forget tools would be (with
 * nobody to ask, it is dropped); each of them is audited.
 */
import type { DigitalHuman } from '../../common/contract';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import type { LlmClient } from '../../llm/LlmClient';
import type { ToolContext } from '../tools/AgentTool';
import type { ToolGate } from '../tools/ToolGate';
import type { AgentJobHost } from './AgentJobHost';
import type { MemoryOperation } from './AgentPorts';
import { extractMemories } from './extractMemories';

export interface RememberTurn {
  dh: DigitalHuman;
  client: LlmClient;
  ctx: ToolContext;
  gate: ToolGate;
}

export async function remember(
  rt: AgentJobHost,
  handle: WorkspaceHandle,
  turn: RememberTurn,
  exchange: { author: string; text: string }[],
  reply: string,
  query: string,
  sourceMessageIds: string[],
): Promise<void> {
  const memory = rt.deps.memory;
  const { dh, client, ctx } = turn;
  if (!memory) return;
  try {
    const similar = await memory.findSimilar(handle.id, dh.id, query, 8);
    const ops = await extractMemories({ client, model: dh.model ?? undefined, dhId: dh.id, dhName: dh.name, exchange: [...exchange, { author: dh.name, text: reply }], similar });
    const tainted = ctx.untrusted.size > 0;
    const now = ops.filter((op) => !tainted || op.op === 'ADD' || op.op === 'NOOP');
    for (const op of ops.filter((o) => !now.includes(o))) await holdChange(turn, op);
    if (now.length === 0) return;
    const touched = await memory.apply(
      handle.id,
      dh.id,
      now.map((op) => (op.op === 'ADD' ? { ...op, sourceMessageIds } : op)),
    );
    rt.deps.audit.record(handle.id, {
      actorKind: 'dh',
      actorId: dh.id,
      onBehalfOf: null,
      action: 'memory.extract',
      resource: `dh/${dh.id}/memories`,
      outcome: 'allowed',
      detail: now.map((o) => o.op).join(', ') + (touched.length > 0 ? `: ${touched.join(', ')}` : ''),
    });
  } catch (err) {
    // Memory is best effort: the reply is already there.
    rt.deps.log('warn', `memory extraction for ${dh.id} failed`, err);
  }
}

/** An update or removal proposed in a context with untrusted text goes through the gate as the matching tool call. */
async function holdChange(turn: RememberTurn, op: MemoryOperation): Promise<void> {
  if (op.op === 'DELETE') {
    await turn.gate.call(turn.ctx, 'memory_forget', JSON.stringify({ id: op.id }));
  } else if (op.op === 'UPDATE') {
    const { op: _op, ...rest } = op;
    await turn.gate.call(turn.ctx, 'memory_update', JSON.stringify(rest));
  }
}
