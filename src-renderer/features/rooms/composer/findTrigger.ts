/**
 * Finds the `@mention` or `#room` being typed just before the caret, so the
 * composer can offer completions, and writes the chosen completion back.
 */

export interface Trigger {
  kind: 'mention' | 'room';
  /** Index of the `@` or `#`. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

const TOKEN_CHAR = /[\p{L}\p{N}_.-]/u;
/** A completion is not offered for a word longer than this. */
const MAX_QUERY = 40;

/** The trigger ending at `caret`, or null when the caret is not in one. */
export function findTrigger(text: string, caret: number): Trigger | null {
  let i = caret - 1;
  while (i >= 0 && caret - i <= MAX_QUERY + 1 && TOKEN_CHAR.test(text[i]!)) i--;
  const mark = text[i];
  if (mark !== '@' && mark !== '#') return null;
  const before = text[i - 1];
  // "a@b" is an email and "x#1" is not a room: the mark must start a word.
  if (before !== undefined && !/[\s([{"'>*_~]/.test(before)) return null;
  return { kind: mark === '@' ? 'mention' : 'room', start: i, query: text.slice(i + 1, caret) };
}

/** The text with the trigger replaced by `@value ` or `#value `, and where the caret goes. */
export function applyCompletion(text: string, caret: number, trigger: Trigger, value: string): { text: string; caret: number } {
  const mark = trigger.kind === 'mention' ? '@' : '#';
  const rest = text.slice(caret);
  const insert = `${mark}${value}${rest.startsWith(' ') ? '' : ' '}`;
  const next = text.slice(0, trigger.start) + insert + rest;
  return { text: next, caret: trigger.start + insert.length + (rest.startsWith(' ') ? 1 : 0) };
}
