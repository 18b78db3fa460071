/**
 * What a search result shows of a passage: a window of text around the
 * first word of the query it holds, with the query's words marked. Words
 * are compared folded (case and accents), as the index compares them.
 */

/** A piece of an excerpt: plain text, or a word of the query. */
export interface ExcerptSegment {
  text: string;
  match: boolean;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The query's words worth marking (three letters or more), folded. */
function queryWords(query: string): Set<string> {
  return new Set([...query.matchAll(WORD)].map((m) => fold(m[0])).filter((w) => w.length >= 3));
}

/**
 * At most `max` characters of `text` around the first place a word of
 * `query` starts (a word of the text that begins with a query word counts,
 * so "refund" marks "refunded"), split into marked and plain segments.
 */
export function snippetExcerpt(text: string, query: string, max = 320): ExcerptSegment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const words = queryWords(query);
  const hits = [...flat.matchAll(WORD)].filter((m) => {
    const w = fold(m[0]);
    for (const q of words) if (w.startsWith(q) || (q.startsWith(w) && w.length >= 4)) return true;
    return false;
  });
  let start = 0;
  if (flat.length > max && hits[0]) start = Math.max(0, Math.min(hits[0].index - Math.floor(max / 4), flat.length - max));
  // Start and end on word boundaries.
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  let end = Math.min(flat.length, start + max);
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  const segments: ExcerptSegment[] = [];
  const push = (s: string, match: boolean): void => {
    if (s.length > 0) segments.push({ text: s, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const m of hits) {
    if (m.index < start || m.index + m[0].length > end) continue;
    push(flat.slice(at, m.index), false);
    push(m[0], true);
    at = m.index + m[0].length;
  }
  push(flat.slice(at, end), false);
  if (end < flat.length) push('…', false);
  return segments;
}
