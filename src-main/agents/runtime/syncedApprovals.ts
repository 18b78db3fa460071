/**
 * The held actions of a workspace as its room docs hold them (format:
 * storage/agents/approvalDocFormat.ts): publishing the holder's row, reading
 * what other devices published, recording a decision, and the view the
 * shells show. Nothing read here is run: the holding device runs the call
 * it keeps in its own table.
 */
import type { AgentApprovalView } from '../../common/contract';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import {
  APPROVALS_MAP,
  readApprovalDecision,
  readSyncedApproval,
  writeApprovalDecision,
  writeSyncedApproval,
  type ApprovalDecision,
  type SyncedApproval,
} from '../../storage/agents/approvalDocFormat';
import type { ApprovalRecord } from '../../storage/agents/ApprovalStore';
import { roomDocName } from '../../storage/rooms/roomDocFormat';
import { txOrigin } from '../../sync/TxOrigin';

/** Parses a call's JSON arguments for the view (an object, else empty). */
function parsedArguments(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // What a peer wrote may not parse: the view shows no arguments.
  }
  return {};
}

/** The view of this device's own row. */
export function localApprovalView(r: ApprovalRecord): AgentApprovalView {
  const { jobId: _job, triggerMessageId: _trigger, arguments: raw, ...rest } = r;
  return { ...rest, arguments: parsedArguments(raw) };
}

/**
 * The view of a call another device holds: a pending one shows the decision
 * already made on some device (approved, waiting for the holder; denied), and
 * one past `expiresBefore` shows as expired (its holder expires it).
 */
export function syncedApprovalView(roomId: string, a: SyncedApproval, decision: ApprovalDecision | null, expiresBefore: number): AgentApprovalView {
  let state = a.state;
  if (state === 'pending' && decision) state = decision.decision === 'approve' ? 'approved' : 'denied';
  else if (state === 'pending' && a.createdAt < expiresBefore) state = 'expired';
  return {
    id: a.id,
    dhId: a.dhId,
    roomId,
    threadRootId: a.threadRootId,
    replyId: a.replyId,
    requestedFor: a.requestedFor,
    tool: a.tool,
    arguments: parsedArguments(a.arguments),
    reasons: a.reasons,
    state,
    result: a.result,
    createdAt: a.createdAt,
    decidedAt: a.decidedAt ?? decision?.at ?? null,
  };
}

/** Publishes the holder's row to its room doc (whole value, the holder alone writes it). */
export function publishApproval(handle: WorkspaceHandle, record: ApprovalRecord, device: string): void {
  handle.docs.transact(roomDocName(record.roomId), txOrigin('agent', device), (doc) => {
    writeSyncedApproval(doc, {
      id: record.id,
      dhId: record.dhId,
      requestedFor: record.requestedFor,
      holder: device,
      tool: record.tool,
      arguments: record.arguments,
      reasons: record.reasons,
      replyId: record.replyId,
      threadRootId: record.threadRootId,
      state: record.state,
      result: record.result,
      createdAt: record.createdAt,
      decidedAt: record.decidedAt,
    });
  });
}

/** Records a decision on a call another device holds (a device of the person it waits for). */
export function recordDecision(handle: WorkspaceHandle, roomId: string, approvalId: string, decision: ApprovalDecision): void {
  handle.docs.transact(roomDocName(roomId), txOrigin('local', decision.by), (doc) => writeApprovalDecision(doc, approvalId, decision));
}

/** The decision recorded on `approvalId`, if any. */
export function decisionOn(handle: WorkspaceHandle, roomId: string, approvalId: string): ApprovalDecision | null {
  return readApprovalDecision(handle.docs.doc(roomDocName(roomId)), approvalId);
}

/** The held calls published in `roomId` that pass `keep`. */
export function syncedApprovalsOf(handle: WorkspaceHandle, roomId: string, keep: (a: SyncedApproval) => boolean): SyncedApproval[] {
  const found: SyncedApproval[] = [];
  handle.docs
    .doc(roomDocName(roomId))
    .getMap(APPROVALS_MAP)
    .forEach((value, key) => {
      const a = readSyncedApproval(key, value);
      if (a && keep(a)) found.push(a);
    });
  return found;
}

/** The held call `approvalId` as published in `roomId`, or null. */
export function syncedApproval(handle: WorkspaceHandle, roomId: string, approvalId: string): SyncedApproval | null {
  return readSyncedApproval(approvalId, handle.docs.doc(roomDocName(roomId)).getMap(APPROVALS_MAP).get(approvalId));
}
