/**
 * The built-in tools of a workspace, plus its connectors' tools
 * (ConnectorToolRegistry: a built-in name wins), and the gate they pass, as one running
 * turn and one approved call (ApprovalDesk) both use them: the same tools,
 * the same checks, the same audit trail. A call that ran is counted in its
 * DH's tool calls of the day, and its connector's last use noted, inside the
 * commit of its audit entry (one fsync per call, not two).
 */
import { AppError } from '../../common/AppError';
import type { TaskActor } from '../../common/contract';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { quotaMessage } from '../../domain/quotas/QuotaService';
import { scopeKey } from '../../domain/ScopeKey';
import type { AgentTool } from '../tools/AgentTool';
import { builtinTools } from '../tools/builtinTools';
import { readAttachmentTool } from '../tools/readAttachmentTool';
import { ToolGate } from '../tools/ToolGate';
import type { AgentJobHost } from './AgentJobHost';
import { jobStoreOf } from './jobStoreOf';
import { lastUsedOf } from './lastUsedOf';
import { postAsDh } from './postAsDh';

/** Tool calls of each DH of a workspace running now (every gate of the workspace shares it): they hold a place in the day's count. */
const RUNNING = scopeKey<Map<string, number>>('agents.toolCallsRunning');

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
  if (deps.attachments) tools.push(readAttachmentTool(deps.attachments));
  const builtin = new Set(tools.map((t) => t.name));
  tools.push(...(deps.connectors?.list(handle.id) ?? []).filter((t) => !builtin.has(t.name)));
  const store = jobStoreOf(handle);
  const lastUsed = lastUsedOf(handle);
  const running = handle.scoped(RUNNING, () => new Map<string, number>());
  const gate = new ToolGate({
    tools: new Map(tools.map((t) => [t.name, t])),
    can: (ctx, permission) => deps.can?.(ctx.workspaceId, ctx.onBehalfOf, permission) ?? true,
    role: deps.role,
    reserveCall: (_workspaceId, dhId) => {
      running.set(dhId, (running.get(dhId) ?? 0) + 1);
      let held = true;
      const release = (): void => {
        if (!held) return;
        held = false;
        const left = (running.get(dhId) ?? 1) - 1;
        if (left > 0) running.set(dhId, left);
        else running.delete(dhId);
      };
      return { count: store.quota(localDay(deps.now()), dhId, 'tool') + running.get(dhId)!, release };
    },
    dailyToolCalls: rt.options.dailyToolCalls,
    audit: (workspaceId, entry, ran) =>
      deps.audit.record(
        workspaceId,
        entry,
        ran &&
          (() => {
            const now = deps.now();
            store.bumpQuota(localDay(now), ran.dhId, 'tool');
            if (ran.connectorId !== undefined) lastUsed.touch(ran.connectorId, now);
          }),
      ),
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
