/**
 * Scores how well a typed query matches a label in the command palette:
 * every query character must appear in order (case and accents ignored);
 * consecutive characters, word starts and an early first match score more.
 * Null when it does not match. Labels can be folded once (`foldText`) and
 * scored many times with `scoreFolded`: the palette folds its items when
 * they change, not on every keystroke.
 */
import { foldText } from '../composer/matchMentions';

const WORD_START = /[\s#@._-]/;

/** The score of an already folded, trimmed query against an already folded label. */
export function scoreFolded(q: string, text: string): number | null {
  if (q === '') return 0;
  const exact = text.indexOf(q);
  if (exact !== -1) return 1000 - exact * 2 - (text.length - q.length) * 0.1 + (exact === 0 || WORD_START.test(text[exact - 1] ?? '') ? 200 : 0);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = text.indexOf(ch, from);
    if (at === -1) return null;
    score += at === previous + 1 ? 8 : 1;
    if (at === 0 || WORD_START.test(text[at - 1] ?? '')) score += 6;
    previous = at;
    from = at + 1;
  }
  return score - text.length * 0.05;
}

export function fuzzyScore(query: string, label: string): number | null {
  return scoreFolded(foldText(query.trim()), foldText(label));
}

/** Items with their folded search text, ready to rank on every keystroke. */
export interface Prepared<T> {
  item: T;
  text: string;
}

export function prepareItems<T>(items: readonly T[], labelOf: (item: T) => string): Prepared<T>[] {
  return items.map((item) => ({ item, text: foldText(labelOf(item)) }));
}

/** The prepared items matching `query`, best first (stable for ties), at most `limit`. */
export function rankPrepared<T>(prepared: readonly Prepared<T>[], query: string, limit = 50): T[] {
  const q = foldText(query.trim());
  if (q === '') return prepared.slice(0, limit).map((p) => p.item);
  const scored: { item: T; score: number; index: number }[] = [];
  for (let index = 0; index < prepared.length; index++) {
    const entry = prepared[index]!;
    const score = scoreFolded(q, entry.text);
    if (score !== null) scored.push({ item: entry.item, score, index });
  }
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}

/** The items matching `query`, best first (stable for ties), at most `limit`. */
export function rankItems<T>(items: readonly T[], query: string, labelOf: (item: T) => string, limit = 50): T[] {
  return rankPrepared(prepareItems(items, labelOf), query, limit);
}
