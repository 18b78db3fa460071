/**
 * Turns parsed search terms into an FTS5 MATCH expression that cannot be
 * anything but a conjunction of phrases: every term is a double-quoted FTS5
 * string (inner quotes doubled), so `"`, `*`, `NEAR(`, `col:`, `AND`, `^`
 * and parentheses are only ever text. The last word, still being typed, is
 * matched as a prefix (`"word"*`) when it has at least three letters and is
 * not a stopword (a short or very common prefix expands to a large part of
 * the index: "th" to the, this, that, they…).
 *
 * Unquoted stopwords ("the", "de"…) are left out when the query has other
 * words: found in most messages, they would not narrow the search, and
 * ranking them costs a pass over most of the index. Alone, or inside a
 * quoted phrase, they are searched for (never as a prefix).
 */
import type { SearchTerm } from './parseSearchQuery';
import { searchTokens } from './searchTokens';

/** Shortest last word matched as a prefix. */
const MIN_PREFIX = 3;

/** Words too common in English and French chat to be worth matching beside others. */
const STOPWORDS = new Set(
  (
    'a an and are as at be but by do for from i if in is it me my no not of on or our so that the this to we with you your ' +
    'au aux ce de des du elle en est et il je la le les ne nous on ou pas pour que qui se sur un une vous'
  ).split(' '),
);

/** The MATCH expression for `terms`, or null when none has a searchable word. */
export function buildFtsMatch(terms: readonly SearchTerm[], prefixLast: boolean): string | null {
  const parts: string[] = [];
  const isStopword = (term: SearchTerm): boolean => !term.phrase && searchTokens(term.text).every((t) => STOPWORDS.has(t));
  const useful = terms.some((term) => searchTokens(term.text).length > 0 && !isStopword(term));
  terms.forEach((term, index) => {
    const tokens = searchTokens(term.text);
    if (tokens.length === 0 || (useful && isStopword(term))) return;
    const quoted = `"${tokens.join(' ').replace(/"/g, '""')}"`;
    const isLast = index === terms.length - 1;
    const last = tokens.at(-1)!;
    const prefix = isLast && prefixLast && !term.phrase && last.length >= MIN_PREFIX && !STOPWORDS.has(last);
    parts.push(prefix ? `${quoted}*` : quoted);
  });
  return parts.length > 0 ? parts.join(' ') : null;
}
