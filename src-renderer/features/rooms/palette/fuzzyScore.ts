/**
 * Scores how well a typed query matches a label in the command palette:
 * every query character must appear in order (case and accents ignored);
 * consecutive characters, word starts and an early first match score more.
 * Null when it does not match.
 */
import { foldText } from '../composer/matchMentions';

export function fuzzyScore(query: string, label: string): number | null {
  const q = foldText(query.trim());
  if (q === '') return 0;
  const text = foldText(label);
  const exact = text.indexOf(q);
  if (exact !== -1) return 1000 - exact * 2 - (text.length - q.length) * 0.1 + (exact === 0 || /[\s#@._-]/.test(text[exact - 1] ?? '') ? 200 : 0);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = text.indexOf(ch, from);
    if (at === -1) return null;
    score += at === previous + 1 ? 8 : 1;
    if (at === 0 || /[\s#@._-]/.test(text[at - 1] ?? '')) score += 6;
    previous = at;
    from = at + 1;
  }
  return score - text.length * 0.05;
}

/** The items matching `query`, best first (stable for ties), at most `limit`. */
export function rankItems<T>(items: readonly T[], query: string, labelOf: (item: T) => string, limit = 50): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, labelOf(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}
