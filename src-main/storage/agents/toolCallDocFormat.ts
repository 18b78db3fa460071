/**
 * Format of the tool calls of digital humans' replies in a room doc,
 * `room/<id>` (write/read pairs; a reader never trusts a value, since a peer
 * may have written it). The room shows, under a reply, what the digital
 * human looked at or did to write it (docs/tool-call-cards.md): a summary
 * per call, never the call's full result.
 *
 * - `toolCalls`: Y.Map `"<messageId> <index>"` → `{dhId, postedBy, tool,
 *   words: {key, params}, target, outcome, reason, ms, arguments, result,
 *   at, approvalId?}`. `index` is the call's place in the reply (0, 1, …). One key per
 *   call, written once when the call ends, so a call never rewrites the
 *   others (a reply streams its text for seconds afterwards: folding the
 *   calls into the message record would rewrite them at every chunk), and
 *   one writer per key (the device that runs the reply's job).
 *   `words` is the action in the UI's language-neutral terms: `key` names a
 *   sentence of the UI's strings (unknown key: "Called <tool>"), `params`
 *   fills it. `outcome` is `ok`, `refused` (by a rule of the gate:
 *   permission, quota, role) or `failed` (with `reason`). `arguments` is
 *   the call's JSON text with secret-looking fields masked, `result` a
 *   short plain-text summary of what came back: both are text others may
 *   have written, shown as plain text only.
 *   `approvalId` (absent or null for a call made during the reply) names
 *   the held call (`approvals`, approvalDocFormat.ts) this call ran once
 *   approved: such a call is written by the holding device under the
 *   digital human's follow-up reply that reports it (index 0), written
 *   just before that reply (agents/runtime/reportApprovedRun.ts), and links
 *   the approval card to the run's card. A reader keeps only a well-formed
 *   id; it links two cards a member may see anyway, and never runs anything.
 *   Sizes are bounded on both sides: a writer cuts, a reader cuts again and
 *   drops what does not fit the shape. A reader shows an entry only under
 *   a message whose author is its `dhId` and whose `postedBy` is its
 *   `postedBy` (a member can attach cards only to replies their own device
 *   wrote), at most `MAX_CALLS_PER_REPLY` per reply, and none under a
 *   deleted message. The relay accepts an entry only when its `postedBy`
 *   is the connected member, and removes it only for them or a holder of
 *   `message.delete:any` (sync-server/policy/checkRoomEntries.ts).
 */
import type * as Y from 'yjs';
import { ENTITY_ID_PATTERN } from '../../common/ids';
import type { MessageRecord } from '../rooms/roomDocFormat';

/** The room doc's map of tool calls. */
export const TOOL_CALLS_MAP = 'toolCalls';

/** What came of a call. */
export type ToolCallOutcome = 'ok' | 'refused' | 'failed';

/** The action of a call, in the UI's terms: a sentence key and what fills it. */
export interface ToolCallWords {
  key: string;
  params: Record<string, string | number>;
}

/** One tool call of a reply as the room shows it. */
export interface ToolCallRecord {
  messageId: string;
  index: number;
  dhId: string;
  /** The member whose device ran it (the reply's `postedBy`). */
  postedBy: string;
  tool: string;
  words: ToolCallWords;
  /** What it acted on (a repository, a room…), or null. */
  target: string | null;
  outcome: ToolCallOutcome;
  /** Why it was refused or failed. */
  reason: string | null;
  /** How long it took, in milliseconds. */
  ms: number;
  /** The call's arguments as JSON text, secrets masked, cut. */
  arguments: string;
  /** A short summary of what came back, or null. */
  result: string | null;
  at: number;
  /** The held call this call ran once approved (null: a call of the reply itself). */
  approvalId?: string | null;
}

/** The most calls a reader shows under one reply (a writer stops there too). */
export const MAX_CALLS_PER_REPLY = 24;
/** Bounds of the text fields. */
export const TOOL_CALL_LIMITS = { target: 200, reason: 300, arguments: 600, result: 300, param: 160, params: 8 } as const;

const OUTCOMES: readonly ToolCallOutcome[] = ['ok', 'refused', 'failed'];
const TOOL_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const WORDS_KEY_PATTERN = /^[a-z][A-Za-z0-9]{0,23}(\.[a-z][A-Za-z0-9]{0,23})?$/;
const PARAM_PATTERN = /^[a-z][A-Za-z0-9]{0,23}$/;
const MAX_MS = 24 * 3_600_000;

/** The key of call `index` of reply `messageId`. */
export function toolCallKey(messageId: string, index: number): string {
  return `${messageId} ${index}`;
}

/** Splits a `toolCalls` key; null when malformed. */
export function parseToolCallKey(key: string): { messageId: string; index: number } | null {
  const space = key.indexOf(' ');
  if (space < 0) return null;
  const messageId = key.slice(0, space);
  const index = key.slice(space + 1);
  if (!ENTITY_ID_PATTERN.test(messageId) || !/^(0|[1-9]\d?)$/.test(index)) return null;
  const n = Number(index);
  return n < MAX_CALLS_PER_REPLY ? { messageId, index: n } : null;
}

/** Writes `toolCalls["<messageId> <index>"]` (the device that runs the reply's job only). */
export function writeToolCall(doc: Y.Doc, record: ToolCallRecord): void {
  if (record.index < 0 || record.index >= MAX_CALLS_PER_REPLY) return;
  doc.getMap(TOOL_CALLS_MAP).set(toolCallKey(record.messageId, record.index), {
    dhId: record.dhId,
    postedBy: record.postedBy,
    tool: record.tool,
    words: { key: record.words.key, params: cleanParams(record.words.params) },
    target: cutOrNull(record.target, TOOL_CALL_LIMITS.target),
    outcome: record.outcome,
    reason: cutOrNull(record.reason, TOOL_CALL_LIMITS.reason),
    ms: clampMs(record.ms),
    arguments: cut(record.arguments, TOOL_CALL_LIMITS.arguments),
    result: cutOrNull(record.result, TOOL_CALL_LIMITS.result),
    at: record.at,
    ...(record.approvalId ? { approvalId: record.approvalId } : {}),
  });
}

/** Reads `toolCalls[key]`; null when it is not a well-formed call. */
export function readToolCall(key: string, value: unknown): ToolCallRecord | null {
  const place = parseToolCallKey(key);
  if (!place || !isRecord(value)) return null;
  const { dhId, postedBy, tool, outcome, words } = value;
  if (typeof dhId !== 'string' || !ENTITY_ID_PATTERN.test(dhId)) return null;
  if (typeof postedBy !== 'string' || !ENTITY_ID_PATTERN.test(postedBy)) return null;
  if (typeof tool !== 'string' || !TOOL_PATTERN.test(tool)) return null;
  if (!OUTCOMES.includes(outcome as ToolCallOutcome) || !Number.isSafeInteger(value.at)) return null;
  const key_ = isRecord(words) && typeof words.key === 'string' && WORDS_KEY_PATTERN.test(words.key) ? words.key : 'called';
  return {
    messageId: place.messageId,
    index: place.index,
    dhId,
    postedBy,
    tool,
    words: { key: key_, params: isRecord(words) ? cleanParams(words.params) : {} },
    target: typeof value.target === 'string' ? cutOrNull(value.target, TOOL_CALL_LIMITS.target) : null,
    outcome: outcome as ToolCallOutcome,
    reason: typeof value.reason === 'string' && outcome !== 'ok' ? cutOrNull(value.reason, TOOL_CALL_LIMITS.reason) : null,
    ms: Number.isSafeInteger(value.ms) ? clampMs(value.ms as number) : 0,
    arguments: typeof value.arguments === 'string' ? cut(value.arguments, TOOL_CALL_LIMITS.arguments) : '{}',
    result: typeof value.result === 'string' ? cutOrNull(value.result, TOOL_CALL_LIMITS.result) : null,
    at: value.at as number,
    approvalId: typeof value.approvalId === 'string' && ENTITY_ID_PATTERN.test(value.approvalId) ? value.approvalId : null,
  };
}

/**
 * The calls shown under each reply of a room doc: only under a reply that is
 * not deleted, whose author and `postedBy` are the call's, in call order, at
 * most `MAX_CALLS_PER_REPLY` each. `message(id)` reads a message record.
 */
export function readRoomToolCalls(doc: Y.Doc, message: (id: string) => MessageRecord | null): Map<string, ToolCallRecord[]> {
  const out = new Map<string, ToolCallRecord[]>();
  const replies = new Map<string, MessageRecord | null>();
  doc.getMap(TOOL_CALLS_MAP).forEach((value, key) => {
    const call = readToolCall(key, value);
    if (!call) return;
    if (!replies.has(call.messageId)) replies.set(call.messageId, message(call.messageId));
    const reply = replies.get(call.messageId);
    if (!reply || reply.deleted || reply.authorId !== call.dhId || reply.postedBy !== call.postedBy) return;
    const list = out.get(call.messageId) ?? [];
    list.push(call);
    out.set(call.messageId, list);
  });
  for (const list of out.values()) list.sort((a, b) => a.index - b.index);
  return out;
}

/**
 * The replies of a room doc that report a call run once approved (they
 * carry a call with an `approvalId`): a digital human's later turns read
 * them as a tool's answer, never as its own words. A peer could mark any
 * reply so: that only makes it count as data.
 */
export function approvalReportIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  doc.getMap(TOOL_CALLS_MAP).forEach((value, key) => {
    const call = readToolCall(key, value);
    if (call?.approvalId) ids.add(call.messageId);
  });
  return ids;
}

/** The keys of reply `messageId`'s calls held in `doc` (to remove them with the reply). */
export function toolCallKeysOf(doc: Y.Doc, messageId: string): string[] {
  const keys: string[] = [];
  for (const key of doc.getMap(TOOL_CALLS_MAP).keys()) if (key.startsWith(`${messageId} `)) keys.push(key);
  return keys;
}

function cleanParams(raw: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!isRecord(raw)) return out;
  let n = 0;
  for (const [name, v] of Object.entries(raw)) {
    if (n >= TOOL_CALL_LIMITS.params) break;
    if (!PARAM_PATTERN.test(name)) continue;
    if (typeof v === 'number' && Number.isFinite(v)) out[name] = v;
    else if (typeof v === 'string') out[name] = cut(v, TOOL_CALL_LIMITS.param);
    else continue;
    n += 1;
  }
  return out;
}

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function cutOrNull(s: string | null, max: number): string | null {
  return s === null || s.length === 0 ? null : cut(s, max);
}

function clampMs(ms: number): number {
  return Math.min(MAX_MS, Math.max(0, Math.round(ms)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
