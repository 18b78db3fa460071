/**
 * Search snippets as data: the message text (or a window of it around the
 * first match) cut into `{text, match}` segments, matches being the words
 * the query found. Never HTML: the UI wraps `match` segments itself.
 */
import type { TextSegment } from '../../common/contract';
import { tokenSpans } from './searchTokens';

/** Longest snippet, in characters, before the text is cut around the first match. */
const SNIPPET_MAX = 240;
/** How much context to keep before the first match when cutting. */
const CONTEXT_BEFORE = 60;

/**
 * Segments of `text` where words equal to one of `words`, or starting with
 * `prefix`, are marked. Words are folded as the index folds them.
 */
export function highlightSegments(text: string, words: ReadonlySet<string>, prefix: string | null): TextSegment[] {
  const spans = tokenSpans(text).filter((s) => words.has(s.folded) || (prefix !== null && s.folded.startsWith(prefix)));
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_MAX) {
    const first = spans[0]?.start ?? 0;
    start = Math.max(0, first - CONTEXT_BEFORE);
    const space = text.lastIndexOf(' ', start);
    if (start > 0 && space > start - 20) start = space + 1;
    end = Math.min(text.length, start + SNIPPET_MAX);
  }
  const segments: TextSegment[] = [];
  const push = (piece: string, match: boolean): void => {
    if (piece.length === 0) return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += piece;
    else segments.push({ text: piece, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const span of spans) {
    if (span.start < at || span.end > end) continue;
    push(text.slice(at, span.start), false);
    push(text.slice(span.start, span.end), true);
    at = span.end;
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return segments;
}
