/**
 * Format of the held actions of digital humans in a room doc, `room/<id>`
 * (write/read pairs; a reader never trusts a value, since a peer may have
 * written it). A held call is shown, and decided, on every device of the
 * person who must decide; it runs only on the device that holds its job,
 * which keeps the exact call (tool and arguments it will run) in its own
 * `agent_approvals` table (storage/agents/ApprovalStore.ts): nothing read
 * here is ever run, a synced entry can only say yes or no to a call that
 * device already holds.
 *
 * - `approvals`: Y.Map approvalId → `{dhId, requestedFor, holder, tool,
 *   arguments, reasons, replyId, threadRootId, state, result, createdAt,
 *   decidedAt}`: what the room shows of a held call and what came of it.
 *   Written only by the holding device (`holder`, a device of
 *   `requestedFor`, since a job runs only for its own member), by replacing
 *   the whole value at each state change; one writer per key, so a
 *   replacement never loses another device's write. One key per call, so
 *   calls never conflict. The relay accepts a value only when its
 *   `requestedFor` is the connected member, and never a change of it
 *   (sync-server/policy/checkRoomEntries.ts). `arguments` is the call's
 *   JSON text, cut to 4,000 characters (what the person reads to decide;
 *   room members' devices hold the room doc, so they hold it too, as they
 *   hold the reply that proposes it).
 * - `approvalDecisions`: Y.Map approvalId → `{decision, by, device, at}`:
 *   the person's approve or deny, written once by whichever of their
 *   devices decides first. A map of its own so a decision made on another
 *   device and the holder's own writes (its expiry, its record of the
 *   outcome) never overwrite each other. The holder acts on the decision it
 *   sees first and moves its row from pending exactly once; what it did is
 *   then in `approvals` (two devices deciding differently at the same
 *   moment: the first decision to reach the holder is the one that counts).
 *   The relay accepts a decision only from the member the held call waits
 *   for (`by` is them, and so is the held entry's `requestedFor`).
 */
import type * as Y from 'yjs';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** The room doc's map of held calls. */
export const APPROVALS_MAP = 'approvals';
/** The room doc's map of decisions on held calls. */
export const APPROVAL_DECISIONS_MAP = 'approvalDecisions';

/** The states of a held call as the room shows it: `approved` waits for the holding device to run it. */
export type SyncedApprovalState = 'pending' | 'approved' | 'done' | 'failed' | 'denied' | 'expired';

/** A held call as synced (never what runs). */
export interface SyncedApproval {
  id: string;
  dhId: string;
  requestedFor: string;
  /** The device that holds the job and runs the call. */
  holder: string;
  tool: string;
  /** The call's arguments as JSON text (cut). */
  arguments: string;
  reasons: string[];
  replyId: string | null;
  threadRootId: string | null;
  state: SyncedApprovalState;
  result: string | null;
  createdAt: number;
  decidedAt: number | null;
}

/** A person's decision on a held call. */
export interface ApprovalDecision {
  decision: 'approve' | 'deny';
  /** Who decided: the member the call waits for. */
  by: string;
  device: string;
  at: number;
}

const STATES: readonly SyncedApprovalState[] = ['pending', 'approved', 'done', 'failed', 'denied', 'expired'];
const MAX_ARGUMENTS = 4_000;
const MAX_RESULT = 500;
const TOOL_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const DEVICE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Writes `approvals[record.id]` (the holding device only). */
export function writeSyncedApproval(doc: Y.Doc, record: SyncedApproval): void {
  doc.getMap(APPROVALS_MAP).set(record.id, {
    dhId: record.dhId,
    requestedFor: record.requestedFor,
    holder: record.holder,
    tool: record.tool,
    arguments: record.arguments.slice(0, MAX_ARGUMENTS),
    reasons: [...record.reasons],
    replyId: record.replyId,
    threadRootId: record.threadRootId,
    state: record.state,
    result: record.result === null ? null : record.result.slice(0, MAX_RESULT),
    createdAt: record.createdAt,
    decidedAt: record.decidedAt,
  });
}

/** Reads `approvals[key]`; null when it is not a well-formed held call. */
export function readSyncedApproval(key: string, value: unknown): SyncedApproval | null {
  if (!ENTITY_ID_PATTERN.test(key) || !isRecord(value)) return null;
  const { dhId, requestedFor, holder, tool, state } = value;
  if (typeof dhId !== 'string' || !ENTITY_ID_PATTERN.test(dhId)) return null;
  if (typeof requestedFor !== 'string' || !ENTITY_ID_PATTERN.test(requestedFor)) return null;
  if (typeof holder !== 'string' || !DEVICE_PATTERN.test(holder)) return null;
  if (typeof tool !== 'string' || !TOOL_PATTERN.test(tool)) return null;
  if (!STATES.includes(state as SyncedApprovalState) || !Number.isSafeInteger(value.createdAt)) return null;
  return {
    id: key,
    dhId,
    requestedFor,
    holder,
    tool,
    arguments: typeof value.arguments === 'string' ? value.arguments.slice(0, MAX_ARGUMENTS) : '{}',
    reasons: Array.isArray(value.reasons) ? value.reasons.filter((r): r is string => typeof r === 'string' && r.length <= 32).slice(0, 10) : [],
    replyId: idOrNull(value.replyId),
    threadRootId: idOrNull(value.threadRootId),
    state: state as SyncedApprovalState,
    result: typeof value.result === 'string' ? value.result.slice(0, MAX_RESULT) : null,
    createdAt: value.createdAt as number,
    decidedAt: Number.isSafeInteger(value.decidedAt) ? (value.decidedAt as number) : null,
  };
}

/** Writes `approvalDecisions[approvalId]` (a device of the person the call waits for). */
export function writeApprovalDecision(doc: Y.Doc, approvalId: string, decision: ApprovalDecision): void {
  doc.getMap(APPROVAL_DECISIONS_MAP).set(approvalId, { decision: decision.decision, by: decision.by, device: decision.device, at: decision.at });
}

/** Reads `approvalDecisions[approvalId]`; null when absent or malformed. */
export function readApprovalDecision(doc: Y.Doc, approvalId: string): ApprovalDecision | null {
  const value = doc.getMap(APPROVAL_DECISIONS_MAP).get(approvalId);
  if (!isRecord(value)) return null;
  const { decision, by, device, at } = value;
  if (decision !== 'approve' && decision !== 'deny') return null;
  if (typeof by !== 'string' || !ENTITY_ID_PATTERN.test(by) || typeof device !== 'string' || !DEVICE_PATTERN.test(device)) return null;
  return { decision, by, device, at: Number.isSafeInteger(at) ? (at as number) : 0 };
}

function idOrNull(value: unknown): string | null {
  return typeof value === 'string' && ENTITY_ID_PATTERN.test(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
