/**
 * Ranks who an `@query` may mean, by handle or by name, ignoring case and
 * accents ("@zoe" finds Zoé). Handle prefixes come first, then a word of the
 * name starting with the query, then the query anywhere; room members come
 * before the rest of the workspace within each rank.
 */

export interface MentionCandidate {
  id: string;
  handle: string;
  displayName: string;
  kind: 'user' | 'dh';
  /** Member of the room being written in. */
  inRoom: boolean;
}

/** Lowercase, without diacritics, for comparisons. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** 0 = best; null = no match. */
function rank(candidate: MentionCandidate, query: string): number | null {
  if (query === '') return 0;
  const handle = foldText(candidate.handle);
  const name = foldText(candidate.displayName);
  if (handle.startsWith(query)) return 0;
  if (name.startsWith(query)) return 1;
  if (name.split(/[\s.\-_]+/).some((word) => word.startsWith(query))) return 2;
  if (handle.includes(query) || name.includes(query)) return 3;
  return null;
}

/** The candidates matching `query` (without the `@`), best first, at most `limit`. */
export function matchMentions(query: string, candidates: readonly MentionCandidate[], limit = 8): MentionCandidate[] {
  const folded = foldText(query.trim().replace(/^@/, ''));
  const scored: { candidate: MentionCandidate; score: number }[] = [];
  for (const candidate of candidates) {
    const r = rank(candidate, folded);
    if (r === null) continue;
    scored.push({ candidate, score: r * 2 + (candidate.inRoom ? 0 : 1) });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.handle.localeCompare(b.candidate.handle));
  return scored.slice(0, limit).map((s) => s.candidate);
}
