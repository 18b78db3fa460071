/**
 * What the room shows of one tool call of a reply (docs/tool-call-cards.md;
 * format in storage/agents/toolCallDocFormat.ts): the action in the UI's
 * words (the tool's own `describe`, the built-in tools' table, or "Called
 * <tool>"), what it acted on, what came of it, the arguments with anything
 * that looks like a secret masked, and a short plain-text summary of the
 * result. The summary is all that leaves the device's turn: the model got
 * the full result, the room gets a line of it. A tool's `describe` that
 * throws never breaks the turn: the call falls back to the generic words.
 */
import type { ToolCallOutcome, ToolCallWords } from '../../storage/agents/toolCallDocFormat';
import type { AgentTool, ToolCallDescription, ToolContext } from './AgentTool';
import { BUILTIN_CALL_WORDS } from './builtinCallWords';
import type { ToolOutcome } from './ToolGate';

/** A call as the room shows it (before its place in the reply is added). */
export interface DescribedCall {
  tool: string;
  words: ToolCallWords;
  target: string | null;
  outcome: ToolCallOutcome;
  reason: string | null;
  arguments: string;
  result: string | null;
}

/** Field names whose values are never shown (a model may put a key in its arguments). */
const SECRET_FIELD = /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|credential|cookie|private[-_]?key|^key$/i;
const MASK = '•••';
const REFUSED = 'Refused: ';
const MAX_ARGUMENTS = 600;
const MAX_RESULT = 300;
const MAX_LABELS = 5;

/** The room's view of `name` called with `rawArguments`, which ended in `outcome`. */
export function describeToolCall(tool: AgentTool | undefined, name: string, ctx: ToolContext, rawArguments: string, outcome: ToolOutcome): DescribedCall {
  const parsed = parseJson(rawArguments);
  const checked = tool?.input.safeParse(parsed ?? {});
  const input: unknown = checked?.success ? checked.data : null;
  const result = outcome.ok ? outcome.result : undefined;
  let description: ToolCallDescription = { key: 'called', params: { tool: name.slice(0, 64) } };
  const describe = tool?.describe ?? BUILTIN_CALL_WORDS[name];
  if (describe && input !== null) {
    try {
      description = describe(input, result);
    } catch {
      // A describer that cannot read this input or result: the generic words say what was called.
    }
  }
  const params = { ...description.params };
  if (Array.isArray(result) && params.count === undefined) params.count = result.length;
  let target = description.target;
  if (target === undefined) {
    try {
      target = tool && input !== null ? tool.resource(ctx, input) : null;
    } catch {
      target = null;
    }
  }
  // The gate's rules (tool not enabled, role, permission, quota) answer "Refused: …"; anything else that did not run failed.
  const refused = !outcome.ok && (outcome.error ?? '').startsWith(REFUSED);
  return {
    tool: name.slice(0, 64),
    words: { key: description.key, params },
    target,
    outcome: outcome.ok ? 'ok' : refused ? 'refused' : 'failed',
    reason: outcome.ok ? null : oneLine((outcome.error ?? '').replace(REFUSED, '')).slice(0, 300) || null,
    arguments: cut(JSON.stringify(maskSecrets(parsed ?? {})) ?? '{}', MAX_ARGUMENTS),
    result: outcome.ok ? summarizeResult(result) : null,
  };
}

/** `value` with the values of secret-looking fields replaced by a mask, at any depth. */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return MASK;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = SECRET_FIELD.test(k) ? MASK : maskSecrets(v, depth + 1);
  return out;
}

/**
 * A short plain-text summary of a result: a list as the labels of its first
 * items (`#12 Broken build; #13 Flaky test; …`), an object as its plain
 * fields (`state: open · comments: 3`), text as it is; on one line, cut.
 */
export function summarizeResult(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  let text: string;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    text = value.slice(0, MAX_LABELS).map(label).join('; ') + (value.length > MAX_LABELS ? '; …' : '');
  } else if (typeof value === 'object') {
    const plain = Object.entries(value as Record<string, unknown>).filter(([k, v]) => isPlain(v) && !SECRET_FIELD.test(k));
    // An MCP tool's result: `{content: [text, …]}`.
    const content = (value as Record<string, unknown>).content;
    const texts = Array.isArray(content) ? content.filter((c): c is string => typeof c === 'string') : [];
    if (plain.length > 0) text = plain.map(([k, v]) => `${k}: ${String(v)}`).join(' · ');
    else if (texts.length > 0) text = texts.join(' ');
    else text = JSON.stringify(maskSecrets(value)) ?? '';
  } else {
    text = String(value);
  }
  const line = oneLine(text);
  return line.length === 0 ? null : cut(line, MAX_RESULT);
}

/** One item of a list in a few words: its number and title, name, subject… or itself. */
function label(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  const v = item as Record<string, unknown>;
  const name = [v.title, v.name, v.subject, v.summary, v.text, v.workflow, v.environment].find((x) => typeof x === 'string' && x.trim().length > 0) as string | undefined;
  const status = [v.conclusion, v.state, v.status].find((x) => typeof x === 'string' && x.length > 0) as string | undefined;
  const number = typeof v.number === 'number' ? `#${v.number}` : null;
  const words = [number, name === undefined ? null : cut(oneLine(name), 80), status === undefined ? null : `(${status})`].filter((x) => x !== null).join(' ');
  if (words.length > 0) return words;
  return typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : cut(JSON.stringify(maskSecrets(item)) ?? '', 80);
}

function isPlain(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
