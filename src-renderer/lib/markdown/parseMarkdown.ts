/**
 * Block-level chat Markdown: paragraphs (a single newline is a line break,
 * as in every chat app), fenced code blocks with an optional language,
 * `>` quotes, and bullet or numbered lists that may nest. Headings, tables,
 * images and raw HTML are not part of chat Markdown and stay plain text.
 */
import type { BlockNode } from './markdownTypes';
import { parseInline } from './parseInline';

/** Quotes and lists nested deeper than this are shown as plain paragraphs. */
const MAX_DEPTH = 6;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^`]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)([-*+]|(\d{1,9})[.)])[ \t]+(\S.*)$/;

interface ListMarker {
  indent: number;
  ordered: boolean;
  start: number;
  /** Column where the item's text starts: continuation lines are indented to it. */
  contentColumn: number;
  text: string;
}

function listMarker(line: string): ListMarker | null {
  const match = LIST_ITEM.exec(line);
  if (!match) return null;
  const indent = match[1]!.length;
  const text = match[4]!;
  return {
    indent,
    ordered: match[3] !== undefined,
    start: match[3] === undefined ? 1 : Number(match[3]),
    contentColumn: line.length - text.length,
    text,
  };
}

function isFenceClose(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === fence[0]!.repeat(trimmed.length) && line.search(/\S/) <= 3;
}

function startsBlock(line: string): boolean {
  return FENCE_OPEN.test(line) || QUOTE.test(line) || listMarker(line) !== null;
}

/** Removes up to `columns` leading spaces. */
function dedent(line: string, columns: number): string {
  let i = 0;
  while (i < columns && line[i] === ' ') i++;
  return line.slice(i);
}

function parseBlocks(lines: string[], depth: number): BlockNode[] {
  const blocks: BlockNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const mark = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !isFenceClose(lines[i]!, mark)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', language: fence[2]!.toLowerCase(), text: body.join('\n') });
      continue;
    }
    if (depth < MAX_DEPTH && QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(lines[i++]!.replace(QUOTE, ''));
      blocks.push({ kind: 'quote', children: parseBlocks(body, depth + 1) });
      continue;
    }
    const marker = depth < MAX_DEPTH ? listMarker(line) : null;
    if (marker) {
      i = parseList(lines, i, marker, depth, blocks);
      continue;
    }
    const paragraph: string[] = [line];
    i++;
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!)) paragraph.push(lines[i++]!);
    blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

/** Parses the list starting at line `i`, appends it to `blocks` and returns the next line's index. */
function parseList(lines: string[], i: number, first: ListMarker, depth: number, blocks: BlockNode[]): number {
  const items: BlockNode[][] = [];
  let marker: ListMarker | null = first;
  while (marker) {
    const body = [marker.text];
    const column = marker.contentColumn;
    i++;
    while (i < lines.length) {
      const next = lines[i]!;
      const indent = next.search(/\S/);
      if (next.trim() === '') {
        // A blank line continues the item only when indented text follows it.
        const after = lines[i + 1];
        if (after === undefined || after.search(/\S/) < column) break;
        body.push('');
      } else if (indent >= column || (indent > first.indent && listMarker(next) !== null)) {
        body.push(dedent(next, column));
      } else {
        break;
      }
      i++;
    }
    items.push(parseBlocks(body, depth + 1));
    const following = i < lines.length ? listMarker(lines[i]!) : null;
    marker = following && following.indent === first.indent && following.ordered === first.ordered ? following : null;
  }
  blocks.push({ kind: 'list', ordered: first.ordered, start: first.start, items });
  return i;
}

/** Parses a whole message into blocks. */
export function parseMarkdown(text: string): BlockNode[] {
  return parseBlocks(text.replace(/\r\n?/g, '\n').split('\n'), 0);
}
