/**
 * Markdown as the plain text a reader sees: what search results, knowledge
 * results and notifications show. Parsed by the same parser as the view, so
 * `**bold**` is "bold", a link is its label, a table is its cells, a code
 * block its code; blocks are joined by a space. A snippet may cut a
 * delimiter pair in half: the leftover halves (`**`, `__`, `~~`) are
 * dropped too.
 */
import type { Token } from 'markdown-it';
import { parseMarkdown } from './parseMarkdown';

const LEFTOVER_DELIMITERS = /\*\*+|__+|~~+/g;

function inlineText(children: readonly Token[]): string {
  let out = '';
  for (const token of children) {
    if (token.type === 'softbreak' || token.type === 'hardbreak') out += ' ';
    else if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') out += token.content;
  }
  return out;
}

/** The visible text of `markdown`, on one line. */
export function markdownPlainText(markdown: string): string {
  const parts: string[] = [];
  for (const token of parseMarkdown(markdown)) {
    if (token.type === 'inline') parts.push(inlineText(token.children ?? []).replace(LEFTOVER_DELIMITERS, ''));
    else if (token.type === 'fence' || token.type === 'code_block') parts.push(token.content);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
