/**
 * Actions of digital humans held for confirmation, on the device that ran
 * the turn: the gate holds a call (`hold`), the room shows it under the
 * DH's reply with Approve and Deny, and only the person who triggered the
 * turn, acting on this device, decides (`decide`). Approving runs exactly
 * the held call through the same gate (every check again, quota included);
 * denying, or a day without a decision, leaves everything as it was. Each
 * request, decision and run is in the audit trail. Nothing read from a
 * synced doc can approve: the decision is a local call only.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/AppError';
import type { AgentApprovalView } from '../../common/contract';
import { scopeKey } from '../../domain/ScopeKey';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { ApprovalStore, type ApprovalRecord } from '../../storage/agents/ApprovalStore';
import { USAGE_ACTION, writeUsageDetail } from '../../storage/governance/usageRecordFormat';
import type { ToolContext } from '../tools/AgentTool';
import type { AgentJobHost } from './AgentJobHost';
import type { UntrustedKind } from './buildContext';
import { toolGateOf } from './toolGateOf';

/** How long a held action waits for a decision. */
export const APPROVAL_TTL_MS = 24 * 3_600_000;
const MAX_RESULT = 500;
const STORE = scopeKey<ApprovalStore>('agents.approvalStore');

function storeOf(handle: WorkspaceHandle): ApprovalStore {
  return handle.scoped(STORE, (h) => new ApprovalStore(h.storage.db));
}

function view(r: ApprovalRecord): AgentApprovalView {
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(r.arguments);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } catch {
    args = {};
  }
  const { jobId: _job, triggerMessageId: _trigger, arguments: _raw, ...rest } = r;
  return { ...rest, arguments: args };
}

export class ApprovalDesk {
  constructor(private readonly rt: AgentJobHost) {}

  /** Records a held call of `ctx`'s turn; returns its id and who decides. */
  hold(handle: WorkspaceHandle, ctx: ToolContext, tool: string, rawArguments: string): { id: string; decider: string } {
    const { deps } = this.rt;
    const record: ApprovalRecord = {
      id: deps.newId(),
      jobId: ctx.jobId,
      dhId: ctx.dh.id,
      roomId: ctx.roomId,
      threadRootId: ctx.threadRootId,
      replyId: ctx.replyId,
      triggerMessageId: ctx.triggerMessageId,
      requestedFor: ctx.onBehalfOf ?? '',
      tool,
      arguments: rawArguments,
      reasons: [...ctx.untrusted],
      state: 'pending',
      result: null,
      createdAt: deps.now(),
      decidedAt: null,
    };
    storeOf(handle).insert(record);
    this.changed(handle, record.id);
    return { id: record.id, decider: this.nameOf(handle, record.requestedFor) };
  }

  /** Held actions of a room (or all), newest first; those past their day expire on the way. */
  list(handle: WorkspaceHandle, roomId: string | null, limit: number): AgentApprovalView[] {
    this.expire(handle);
    return storeOf(handle).list(roomId, limit).map(view);
  }

  /** The local user approves or denies a held action of theirs. */
  async decide(handle: WorkspaceHandle, approvalId: string, decision: 'approve' | 'deny'): Promise<AgentApprovalView> {
    const { deps } = this.rt;
    const store = storeOf(handle);
    this.expire(handle);
    const record = store.get(approvalId);
    if (!record) throw new NotFoundError('No such action waits for a decision on this device');
    const me = deps.rooms.userId;
    if (record.requestedFor !== me) throw new ForbiddenError(`Only ${this.nameOf(handle, record.requestedFor)}, who asked, can approve or deny this action`);
    if (record.state !== 'pending') throw new ValidationError(record.state === 'expired' ? 'This action waited more than a day and expired: ask again' : 'This action was already decided');
    const resource = `room/${record.roomId}`;
    const audit = (outcome: 'allowed' | 'denied' | 'failed', detail: string): void => {
      deps.audit.record(handle.id, { actorKind: 'member', actorId: me, onBehalfOf: null, action: `approval.${decision}`, resource, outcome, detail: `${record.tool} by ${record.dhId} (approval ${record.id})${detail}` });
    };
    if (decision === 'deny') {
      if (store.decide(record.id, 'denied', null, deps.now())) audit('denied', '');
      this.changed(handle, record.id);
      return view(store.get(record.id)!);
    }
    if (!store.decide(record.id, 'done', null, deps.now())) throw new ValidationError('This action was already decided');
    audit('allowed', '');
    const outcome = await this.run(handle, record);
    store.finish(record.id, outcome.ok ? 'done' : 'failed', outcome.text);
    this.changed(handle, record.id);
    return view(store.get(record.id)!);
  }

  /** Runs the held call through the gate, as the person approved it. */
  private async run(handle: WorkspaceHandle, record: ApprovalRecord): Promise<{ ok: boolean; text: string }> {
    let dh;
    try {
      dh = this.rt.deps.dhs.get(handle.id, record.dhId);
    } catch {
      return { ok: false, text: 'This digital human no longer exists' };
    }
    if (dh.archived) return { ok: false, text: `${dh.name} is archived` };
    const ctx: ToolContext = {
      workspaceId: handle.id,
      dh,
      roomId: record.roomId,
      threadRootId: record.threadRootId,
      onBehalfOf: record.requestedFor,
      jobId: record.jobId,
      triggerMessageId: record.triggerMessageId,
      replyId: record.replyId,
      untrusted: new Set(record.reasons as UntrustedKind[]),
      usage: { tokens: 0, toolCalls: 0, messages: 0 },
    };
    const outcome = await toolGateOf(this.rt, handle).gate.call(ctx, record.tool, record.arguments, record.requestedFor);
    if (ctx.usage.toolCalls > 0) {
      this.rt.deps.audit.record(handle.id, { actorKind: 'dh', actorId: dh.id, onBehalfOf: record.requestedFor, action: USAGE_ACTION, resource: `dh/${dh.id}`, outcome: 'allowed', detail: writeUsageDetail(ctx.usage) });
    }
    const text = outcome.ok ? JSON.stringify(outcome.result ?? null) : (outcome.error ?? 'Failed');
    return { ok: outcome.ok, text: text.slice(0, MAX_RESULT) };
  }

  private expire(handle: WorkspaceHandle): void {
    const store = storeOf(handle);
    for (const r of store.stale(this.rt.deps.now() - APPROVAL_TTL_MS)) {
      if (!store.decide(r.id, 'expired', null, this.rt.deps.now())) continue;
      this.rt.deps.audit.record(handle.id, {
        actorKind: 'system',
        actorId: 'agents',
        onBehalfOf: r.requestedFor,
        action: 'approval.expire',
        resource: `room/${r.roomId}`,
        outcome: 'denied',
        detail: `${r.tool} by ${r.dhId} (approval ${r.id}) waited more than a day without a decision: nothing was done`,
      });
      this.changed(handle, r.id);
    }
  }

  private nameOf(handle: WorkspaceHandle, userId: string): string {
    const rooms = this.rt.deps.rooms;
    return rooms.members(rooms.forHandle(handle)).byId.get(userId)?.displayName ?? 'the person who asked';
  }

  private changed(handle: WorkspaceHandle, id: string): void {
    const record = storeOf(handle).get(id);
    if (record) queueMicrotask(() => this.rt.deps.emit('agent.approvalChanged', { workspaceId: handle.id, approval: view(record) }));
  }
}
