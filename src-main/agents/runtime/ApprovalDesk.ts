/**
 * Actions of digital humans held for confirmation. The device that ran the
 * turn holds the call (`hold`): it keeps the exact call in its own table and
 * publishes what the room shows in the room doc
 * (storage/agents/approvalDocFormat.ts), so every device of the person who
 * triggered the turn shows it under the DH's reply with Approve and Deny.
 * That person decides on any of their devices (`decide`): on the holder the
 * decision is taken at once; elsewhere it is recorded in the room doc, and
 * the holder takes it when it arrives (`onChange`, or `sweep` after a
 * restart). Only the holder runs the call, exactly once (its row leaves
 * `pending` once), through the same gate (every check again, quota
 * included); denying, or a day without a decision, leaves everything as it
 * was. A call that ran (or that the gate refused) is then reported in the
 * room: its tool-call card and a short follow-up reply of the digital human
 * that carries the result as data (reportApprovedRun.ts), so the room, and
 * the DH's later turns, know what came of it; the approval card links to
 * that card. Each request, decision and run is in the audit trail. A synced
 * decision can only say yes or no to a call the holder keeps: the relay
 * takes decisions only from the person the call waits for, and the holder
 * checks they name that person.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/AppError';
import type { AgentApprovalView } from '../../common/contract';
import { scopeKey } from '../../domain/ScopeKey';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { APPROVAL_DECISIONS_MAP, APPROVALS_MAP } from '../../storage/agents/approvalDocFormat';
import { ApprovalStore, type ApprovalRecord } from '../../storage/agents/ApprovalStore';
import { changedRootKeys } from '../../storage/changedRootKeys';
import { USAGE_ACTION, writeUsageDetail } from '../../storage/governance/usageRecordFormat';
import { roomIdOfDoc } from '../../storage/rooms/roomDocFormat';
import type { DocChange } from '../../sync/DocManager';
import type { ToolContext } from '../tools/AgentTool';
import type { AgentJobHost } from './AgentJobHost';
import { reportApprovedRun, type ApprovedRun } from './reportApprovedRun';
import type { UntrustedKind } from './buildContext';
import { jobStoreOf } from './jobStoreOf';
import { decisionOn, localApprovalView as view, publishApproval, recordDecision, syncedApproval, syncedApprovalsOf, syncedApprovalView } from './syncedApprovals';
import { toolGateOf } from './toolGateOf';

/** How long a held action waits for a decision. */
export const APPROVAL_TTL_MS = 24 * 3_600_000;
const MAX_RESULT = 500;
const STORE = scopeKey<ApprovalStore>('agents.approvalStore');

function storeOf(handle: WorkspaceHandle): ApprovalStore {
  return handle.scoped(STORE, (h) => new ApprovalStore(h.storage.db));
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
    this.publish(handle, record.id);
    return { id: record.id, decider: this.nameOf(handle, record.requestedFor) };
  }

  /** Held actions of a room (or all) for the local person, this device's and their other devices', newest first. */
  list(handle: WorkspaceHandle, roomId: string | null, limit: number): AgentApprovalView[] {
    this.sweep(handle);
    const own = storeOf(handle).list(roomId, limit).map(view);
    const seen = new Set(own.map((a) => a.id));
    const rooms = this.rt.deps.rooms;
    const ws = rooms.forHandle(handle);
    const roomIds = roomId === null ? ws.rooms.listRooms().map((r) => r.id) : [roomId];
    const expiresBefore = this.rt.deps.now() - APPROVAL_TTL_MS;
    const others = roomIds.flatMap((id) =>
      syncedApprovalsOf(handle, id, (a) => !seen.has(a.id) && rooms.isMe(ws, a.requestedFor)).map((a) => syncedApprovalView(id, a, decisionOn(handle, id, a.id), expiresBefore)),
    );
    return [...own, ...others].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  }

  /** The local person approves or denies a held action of theirs, held on this device or another of theirs. */
  async decide(handle: WorkspaceHandle, approvalId: string, decision: 'approve' | 'deny'): Promise<AgentApprovalView> {
    this.sweep(handle);
    const record = storeOf(handle).get(approvalId);
    if (record) return this.settle(handle, record, decision, this.rt.deps.rooms.userId);
    return this.decideElsewhere(handle, approvalId, decision);
  }

  /** Takes the decisions that arrive for calls this device holds, and tells the shells of held calls that changed elsewhere. */
  onChange(handle: WorkspaceHandle, change: DocChange): void {
    const roomId = roomIdOfDoc(change.docName);
    if (roomId === null) return;
    const changed = changedRootKeys(handle.docs.doc(change.docName), change.transaction);
    const decided = changed.get(APPROVAL_DECISIONS_MAP);
    const published = changed.get(APPROVALS_MAP);
    if (!decided && !published) return;
    // After the transaction that brought them: taking a decision writes to the doc again.
    queueMicrotask(() => {
      const store = storeOf(handle);
      for (const id of new Set([...(decided ?? []), ...(published ?? [])])) {
        const mine = store.get(id);
        if (mine) this.takeDecision(handle, mine);
        else this.announceSynced(handle, roomId, id);
      }
    });
  }

  /** Expires calls past their day and takes decisions recorded while this device was away. */
  sweep(handle: WorkspaceHandle): void {
    const store = storeOf(handle);
    const now = this.rt.deps.now();
    for (const r of store.stale(now - APPROVAL_TTL_MS)) {
      if (decisionOn(handle, r.roomId, r.id)) continue;
      if (!store.decide(r.id, 'expired', null, now)) continue;
      this.rt.deps.audit.record(handle.id, {
        actorKind: 'system',
        actorId: 'agents',
        onBehalfOf: r.requestedFor,
        action: 'approval.expire',
        resource: `room/${r.roomId}`,
        outcome: 'denied',
        detail: `${r.tool} by ${r.dhId} (approval ${r.id}) waited more than a day without a decision: nothing was done`,
      });
      this.publish(handle, r.id);
    }
    for (const r of store.pending()) this.takeDecision(handle, r);
  }

  /** Acts on the decision another device recorded for `record`, held here, if there is one and it is the right person's. */
  private takeDecision(handle: WorkspaceHandle, record: ApprovalRecord): void {
    if (record.state !== 'pending') return;
    const decision = decisionOn(handle, record.roomId, record.id);
    // The relay takes decisions only from the person the call waits for; a reader checks anyway.
    if (!decision || decision.by !== record.requestedFor) return;
    this.settle(handle, record, decision.decision, decision.by).catch((err: unknown) => this.rt.deps.log('warn', 'A held action decided on another device failed', err));
  }

  /** Decides a call held on this device: the row leaves pending once, so the call runs at most once. */
  private async settle(handle: WorkspaceHandle, record: ApprovalRecord, decision: 'approve' | 'deny', by: string): Promise<AgentApprovalView> {
    const { deps } = this.rt;
    const store = storeOf(handle);
    if (!this.isMe(handle, record.requestedFor)) throw new ForbiddenError(`Only ${this.nameOf(handle, record.requestedFor)}, who asked, can approve or deny this action`);
    if (record.state !== 'pending') throw new ValidationError(record.state === 'expired' ? 'This action waited more than a day and expired: ask again' : 'This action was already decided');
    const audit = (outcome: 'allowed' | 'denied'): void => {
      deps.audit.record(handle.id, {
        actorKind: 'member',
        actorId: by,
        onBehalfOf: null,
        action: `approval.${decision}`,
        resource: `room/${record.roomId}`,
        outcome,
        detail: `${record.tool} by ${record.dhId} (approval ${record.id})`,
      });
    };
    if (decision === 'deny') {
      if (store.decide(record.id, 'denied', null, deps.now())) audit('denied');
      this.publish(handle, record.id);
      return view(store.get(record.id)!);
    }
    if (!store.decide(record.id, 'done', null, deps.now())) throw new ValidationError('This action was already decided');
    audit('allowed');
    const outcome = await this.run(handle, record);
    store.finish(record.id, outcome.ok ? 'done' : 'failed', outcome.text);
    if (outcome.ran) reportApprovedRun(deps, handle, { record, ...outcome.ran, approvedBy: this.nameOf(handle, by) });
    this.publish(handle, record.id);
    return view(store.get(record.id)!);
  }

  /** Records the local person's decision on a call another of their devices holds; that device acts on it. */
  private decideElsewhere(handle: WorkspaceHandle, approvalId: string, decision: 'approve' | 'deny'): AgentApprovalView {
    const { deps } = this.rt;
    const ws = deps.rooms.forHandle(handle);
    for (const room of ws.rooms.listRooms()) {
      const held = syncedApproval(handle, room.id, approvalId);
      if (!held) continue;
      if (!deps.rooms.isMe(ws, held.requestedFor)) throw new ForbiddenError(`Only ${this.nameOf(handle, held.requestedFor)}, who asked, can approve or deny this action`);
      const expiresBefore = deps.now() - APPROVAL_TTL_MS;
      const current = syncedApprovalView(room.id, held, decisionOn(handle, room.id, approvalId), expiresBefore);
      if (current.state !== 'pending') throw new ValidationError(current.state === 'expired' ? 'This action waited more than a day and expired: ask again' : 'This action was already decided');
      const recorded = { decision, by: held.requestedFor, device: jobStoreOf(handle).deviceId(deps.newId), at: deps.now() };
      recordDecision(handle, room.id, approvalId, recorded);
      const next = syncedApprovalView(room.id, held, recorded, expiresBefore);
      queueMicrotask(() => deps.emit('agent.approvalChanged', { workspaceId: handle.id, approval: next }));
      return next;
    }
    throw new NotFoundError('No such action waits for a decision');
  }

  /** Runs the held call through the gate, as the person approved it; `ran`: what went through the gate, for its report. */
  private async run(handle: WorkspaceHandle, record: ApprovalRecord): Promise<{ ok: boolean; text: string; ran?: Omit<ApprovedRun, 'record' | 'approvedBy'> }> {
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
    const { gate, tools } = toolGateOf(this.rt, handle);
    const started = performance.now();
    const outcome = await gate.call(ctx, record.tool, record.arguments, record.requestedFor);
    const ms = performance.now() - started;
    if (ctx.usage.toolCalls > 0) {
      this.rt.deps.audit.record(handle.id, { actorKind: 'dh', actorId: dh.id, onBehalfOf: record.requestedFor, action: USAGE_ACTION, resource: `dh/${dh.id}`, outcome: 'allowed', detail: writeUsageDetail(ctx.usage) });
    }
    const text = outcome.ok ? JSON.stringify(outcome.result ?? null) : (outcome.error ?? 'Failed');
    return { ok: outcome.ok, text: text.slice(0, MAX_RESULT), ran: { ctx, tool: tools.find((t) => t.name === record.tool), outcome, ms } };
  }

  private isMe(handle: WorkspaceHandle, id: string): boolean {
    const rooms = this.rt.deps.rooms;
    return rooms.isMe(rooms.forHandle(handle), id);
  }

  private nameOf(handle: WorkspaceHandle, userId: string): string {
    const rooms = this.rt.deps.rooms;
    return rooms.members(rooms.forHandle(handle)).byId.get(userId)?.displayName ?? 'the person who asked';
  }

  /** Publishes this device's row to the room doc and tells the shells. */
  private publish(handle: WorkspaceHandle, id: string): void {
    const record = storeOf(handle).get(id);
    if (!record) return;
    publishApproval(handle, record, jobStoreOf(handle).deviceId(this.rt.deps.newId));
    queueMicrotask(() => this.rt.deps.emit('agent.approvalChanged', { workspaceId: handle.id, approval: view(record) }));
  }

  /** Tells the shells of a held call of the local person that another device published or decided. */
  private announceSynced(handle: WorkspaceHandle, roomId: string, id: string): void {
    const held = syncedApproval(handle, roomId, id);
    if (!held || !this.isMe(handle, held.requestedFor)) return;
    const approval = syncedApprovalView(roomId, held, decisionOn(handle, roomId, id), this.rt.deps.now() - APPROVAL_TTL_MS);
    this.rt.deps.emit('agent.approvalChanged', { workspaceId: handle.id, approval });
  }
}
