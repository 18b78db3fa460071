/**
 * A search snippet as plain text with its matches marked. The core cuts a
 * snippet from the message's Markdown and marks the matched words; this
 * turns the snippet into the text a reader sees (`markdownPlainText`) and
 * marks the same words again in it, so no `**` or `|` is ever shown.
 */
import { markdownPlainText } from './markdownPlainText';

export interface SnippetSegment {
  text: string;
  match: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` split into segments, every case-insensitive occurrence of one of `words` marked. */
export function markWords(text: string, words: Iterable<string>): SnippetSegment[] {
  const unique = [...new Set([...words].map((w) => w.trim()).filter((w) => w !== ''))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return text === '' ? [] : [{ text, match: false }];
  const pattern = new RegExp(unique.map(escapeRegExp).join('|'), 'giu');
  const segments: SnippetSegment[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    if (found.index > last) segments.push({ text: text.slice(last, found.index), match: false });
    segments.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

/** The plain-text form of a snippet given as Markdown segments, with the same words marked. */
export function plainSnippet(segments: readonly SnippetSegment[]): SnippetSegment[] {
  const markdown = segments.map((s) => s.text).join('');
  const words = segments.filter((s) => s.match).map((s) => s.text);
  return markWords(markdownPlainText(markdown), words);
}
