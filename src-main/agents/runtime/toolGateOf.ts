/**
 * The built-in tools of a workspace, plus its connectors' tools
 * (ConnectorToolRegistry: a built-in name wins), and the gate they pass, as one running
 * turn and one approved call (ApprovalDesk) both use them: the same tools,
 * the same checks, the same audit trail.
 */
import { AppError } from '../../common/AppError';
import type { TaskActor } from '../../common/contract';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { quotaMessage } from '../../domain/quotas/QuotaService';
import type { AgentTool } from '../tools/AgentTool';
import { builtinTools } from '../tools/builtinTools';
import { ToolGate } from '../tools/ToolGate';
import type { AgentJobHost } from './AgentJobHost';
import { jobStoreOf } from './jobStoreOf';
import { postAsDh } from './postAsDh';

export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The tools of `handle`'s workspace and their gate. */
export function toolGateOf(rt: AgentJobHost, handle: WorkspaceHandle): { tools: AgentTool[]; gate: ToolGate } {
  const { deps } = rt;
  const tools = builtinTools({
    memory: deps.memory,
    knowledge: deps.knowledge,
    tasks: deps.tasks,
    dhs: deps.dhs,
    assignee: (workspaceId, h) => assigneeOf(rt, workspaceId, h),
    post: (c, room, text) => postAsDh(deps, handle, c, room, text),
    handOff: (c, target, task) => rt.enqueueTask(c.workspaceId, target, task.id, c.roomId, c.threadRootId, c.onBehalfOf),
  });
  const builtin = new Set(tools.map((t) => t.name));
  tools.push(...(deps.connectors?.list(handle.id) ?? []).filter((t) => !builtin.has(t.name)));
  const store = jobStoreOf(handle);
  const gate = new ToolGate({
    tools: new Map(tools.map((t) => [t.name, t])),
    can: (ctx, permission) => deps.can?.(ctx.workspaceId, ctx.onBehalfOf, permission) ?? true,
    role: deps.role,
    countCall: (_workspaceId, dhId) => store.bumpQuota(localDay(deps.now()), dhId, 'tool'),
    dailyToolCalls: rt.options.dailyToolCalls,
    audit: (workspaceId, entry) => deps.audit.record(workspaceId, entry),
    hold: (ctx, tool, raw) => rt.hold(handle, ctx, tool, raw),
    quota: (ctx, tool) => {
      const over = deps.quotas?.check(ctx.workspaceId, ctx.dh.id, ctx.onBehalfOf, ctx.usage, tool.speaks ? ['toolCalls', 'messages'] : ['toolCalls']) ?? null;
      return over ? quotaMessage(over, ctx.dh.name) : null;
    },
  });
  return { tools, gate };
}

/** An @handle of a member or a DH, as a task assignee. */
function assigneeOf(rt: AgentJobHost, workspaceId: string, raw: string): TaskActor {
  const handle = raw.replace(/^@/, '').toLowerCase();
  const dh = rt.deps.dhs.byHandle(workspaceId, handle);
  if (dh) return { kind: 'dh', id: dh.id };
  const member = rt.deps.rooms.members(rt.deps.rooms.workspace(workspaceId)).byHandle.get(handle);
  if (!member) throw new AppError('NOT_FOUND', `Nobody is called @${handle} in this workspace`);
  return { kind: member.kind === 'dh' ? 'dh' : 'member', id: member.id };
}
