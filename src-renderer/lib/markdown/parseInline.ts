/**
 * Inline chat Markdown: code spans, `**strong**`, `*em*` / `_em_`,
 * `~~strike~~`, `[label](url)`, `<url>` and bare URLs, `@mentions`,
 * `#room` links, backslash escapes and line breaks.
 *
 * Raw HTML is not a thing here: `<b>` is the text "<b>". Entities are not
 * decoded: `&lt;` is the text "&lt;". A link whose target fails `safeUrl` is
 * left as the literal text the user typed. Searches for a closing delimiter
 * remember where they failed, so hostile input (thousands of `*`) stays
 * linear instead of quadratic.
 */
import type { InlineNode } from './markdownTypes';
import { safeUrl } from './safeUrl';

/** Deeper nesting than this is shown as plain text. */
const MAX_DEPTH = 8;
/** A link's label or target longer than this is not a link (bounds the bracket search). */
const MAX_LINK_PART = 2100;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}_]/u;
const HANDLE = /[\p{L}\p{N}_][\p{L}\p{N}_.-]*/uy;
const ROOM_NAME = /[\p{L}\p{N}_][\p{L}\p{N}_-]*/uy;
const BARE_URL = /(?:https?:\/\/|mailto:)[^\s<>]+/iy;

interface Delimiter {
  mark: string;
  kind: 'strong' | 'em' | 'strike';
}

const DELIMITERS: Record<string, Delimiter[]> = {
  '*': [
    { mark: '**', kind: 'strong' },
    { mark: '*', kind: 'em' },
  ],
  _: [
    { mark: '__', kind: 'strong' },
    { mark: '_', kind: 'em' },
  ],
  '~': [{ mark: '~~', kind: 'strike' }],
};

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** Length of the run of `ch` starting at `i`. */
function runLength(src: string, i: number, ch: string): number {
  let j = i;
  while (src[j] === ch) j++;
  return j - i;
}

/**
 * Pairs backtick runs into code spans: a run opens a span that the next run
 * of the same length closes; runs in between are literal.
 * Returns start index → index just past the closing run.
 */
function findCodeSpans(src: string): Map<number, number> {
  const runs: { at: number; length: number }[] = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\' && ASCII_PUNCTUATION.test(src[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (src[i] !== '`') continue;
    const length = runLength(src, i, '`');
    runs.push({ at: i, length });
    i += length - 1;
  }
  // nextSame[r]: the next run as long as run r, found in one backward pass.
  const nextSame: number[] = new Array<number>(runs.length).fill(-1);
  const lastByLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const { length } = runs[r]!;
    nextSame[r] = lastByLength.get(length) ?? -1;
    lastByLength.set(length, r);
  }
  const spans = new Map<number, number>();
  for (let r = 0; r < runs.length; r++) {
    const close = nextSame[r]!;
    if (close === -1) continue;
    const open = runs[r]!;
    const end = runs[close]!;
    spans.set(open.at, end.at + end.length);
    r = close;
  }
  return spans;
}

class InlineParser {
  private readonly out: InlineNode[] = [];
  private buffer = '';
  private readonly spans: Map<number, number>;
  /** Per delimiter: searches for its closer from here on are known to fail. */
  private readonly noCloserFrom = new Map<string, number>();

  constructor(
    private readonly src: string,
    private readonly depth: number,
    private readonly inLink: boolean,
  ) {
    this.spans = findCodeSpans(src);
  }

  parse(): InlineNode[] {
    const { src } = this;
    let i = 0;
    while (i < src.length) i = this.step(i);
    this.flush();
    return this.out;
  }

  private step(i: number): number {
    const { src } = this;
    const ch = src[i]!;
    if (ch === '\\' && ASCII_PUNCTUATION.test(src[i + 1] ?? '')) return this.literal(src[i + 1]!, i + 2);
    if (ch === '\n') {
      this.push({ kind: 'break' });
      return i + 1;
    }
    if (ch === '`') return this.codeSpan(i);
    if (ch === '*' || ch === '_' || ch === '~') return this.emphasis(i, ch);
    if (!this.inLink && ch === '[') return this.link(i);
    if (!this.inLink && ch === '<') return this.autolink(i);
    if (!this.inLink && (ch === 'h' || ch === 'H' || ch === 'm' || ch === 'M') && !isWord(src[i - 1])) return this.bareUrl(i);
    if (ch === '@' && !isWord(src[i - 1]) && src[i - 1] !== '.') return this.reference(i, HANDLE, 'mention');
    if (ch === '#' && !isWord(src[i - 1]) && src[i - 1] !== '&') return this.reference(i, ROOM_NAME, 'room');
    return this.literal(ch, i + 1);
  }

  private literal(text: string, next: number): number {
    this.buffer += text;
    return next;
  }

  private flush(): void {
    if (this.buffer === '') return;
    this.out.push({ kind: 'text', text: this.buffer });
    this.buffer = '';
  }

  private push(node: InlineNode): void {
    this.flush();
    this.out.push(node);
  }

  private nested(text: string, inLink = this.inLink): InlineNode[] {
    if (this.depth >= MAX_DEPTH) return [{ kind: 'text', text }];
    return new InlineParser(text, this.depth + 1, inLink).parse();
  }

  private codeSpan(i: number): number {
    const length = runLength(this.src, i, '`');
    const end = this.spans.get(i);
    if (end === undefined) return this.literal('`'.repeat(length), i + length);
    let text = this.src.slice(i + length, end - length).replace(/\n/g, ' ');
    if (text.length > 1 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') text = text.slice(1, -1);
    this.push({ kind: 'code', text });
    return end;
  }

  private emphasis(i: number, ch: string): number {
    const { src } = this;
    const run = runLength(src, i, ch);
    for (const delimiter of DELIMITERS[ch] ?? []) {
      const { mark } = delimiter;
      if (run < mark.length) continue;
      const contentStart = i + mark.length;
      if (isSpace(src[contentStart])) continue;
      if (ch === '_' && isWord(src[i - 1])) continue;
      const close = this.findCloser(mark, contentStart + 1);
      if (close === -1) continue;
      this.push({ kind: delimiter.kind, children: this.nested(src.slice(contentStart, close)) });
      return close + mark.length;
    }
    return this.literal(ch.repeat(run), i + run);
  }

  /** Start of the closing `mark` at or after `from`, skipping code spans and escapes; -1 if none. */
  private findCloser(mark: string, from: number): number {
    const { src } = this;
    const ch = mark[0]!;
    const failedFrom = this.noCloserFrom.get(mark);
    if (failedFrom !== undefined && from >= failedFrom) return -1;
    let j = from;
    while (j < src.length) {
      const c = src[j]!;
      if (c === '\\' && ASCII_PUNCTUATION.test(src[j + 1] ?? '')) {
        j += 2;
        continue;
      }
      const spanEnd = c === '`' ? this.spans.get(j) : undefined;
      if (spanEnd !== undefined) {
        j = spanEnd;
        continue;
      }
      if (c !== ch) {
        j++;
        continue;
      }
      const run = runLength(src, j, ch);
      // A lone * never closes on a ** (that one belongs to strong), but a *** can close both.
      const fits = mark.length === 1 ? run !== 2 : run >= mark.length;
      const at = j + run - mark.length;
      const flanked = !isSpace(src[j - 1]) && (ch !== '_' || !isWord(src[j + run]));
      if (fits && flanked) return at;
      j += run;
    }
    this.noCloserFrom.set(mark, from);
    return -1;
  }

  /** Index of the bracket closing the one at `open`, within `MAX_LINK_PART` characters, or -1. */
  private matching(open: number, opener: string, closer: string): number {
    const { src } = this;
    const limit = Math.min(src.length, open + MAX_LINK_PART);
    let level = 0;
    for (let j = open; j < limit; j++) {
      const c = src[j];
      if (c === '\\') j++;
      else if (c === '\n' && opener === '(') return -1;
      else if (c === opener) level++;
      else if (c === closer && --level === 0) return j;
    }
    return -1;
  }

  private link(i: number): number {
    const { src } = this;
    const labelEnd = this.matching(i, '[', ']');
    if (labelEnd === -1 || src[labelEnd + 1] !== '(') return this.literal('[', i + 1);
    const targetEnd = this.matching(labelEnd + 1, '(', ')');
    if (targetEnd === -1) return this.literal('[', i + 1);
    const target = src.slice(labelEnd + 2, targetEnd).trim();
    const address = /^<([^<>\n]*)>/.exec(target)?.[1] ?? target.split(/\s+/)[0] ?? '';
    const href = safeUrl(address);
    const label = src.slice(i + 1, labelEnd);
    // An unsafe or unparsable target leaves everything exactly as typed, visible and inert.
    if (href === null || label.trim() === '') return this.literal(src.slice(i, targetEnd + 1), targetEnd + 1);
    this.push({ kind: 'link', href, children: this.nested(label, true) });
    return targetEnd + 1;
  }

  private autolink(i: number): number {
    const match = /^<([^\s<>]+)>/.exec(this.src.slice(i, i + 2100));
    const href = match ? safeUrl(match[1]!) : null;
    if (!match || href === null) return this.literal('<', i + 1);
    this.push({ kind: 'link', href, children: [{ kind: 'text', text: match[1]! }] });
    return i + match[0].length;
  }

  private bareUrl(i: number): number {
    BARE_URL.lastIndex = i;
    const match = BARE_URL.exec(this.src);
    if (!match) return this.literal(this.src[i]!, i + 1);
    const text = trimUrl(match[0]);
    const href = safeUrl(text);
    if (href === null) return this.literal(text, i + text.length);
    this.push({ kind: 'link', href, children: [{ kind: 'text', text }] });
    return i + text.length;
  }

  private reference(i: number, pattern: RegExp, kind: 'mention' | 'room'): number {
    pattern.lastIndex = i + 1;
    const match = pattern.exec(this.src);
    const name = match?.[0].replace(/[.-]+$/, '');
    if (!name) return this.literal(this.src[i]!, i + 1);
    this.push(kind === 'mention' ? { kind, handle: name } : { kind, name });
    return i + 1 + name.length;
  }
}

/** Drops the punctuation that ends a sentence rather than the URL, and unbalanced closing brackets. */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last !== undefined && '.,;:!?\'"*_~'.includes(last)) end--;
    else if (last === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) end--;
    else break;
  }
  return url.slice(0, end);
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** Parses one paragraph's inline Markdown (line breaks included). */
export function parseInline(text: string): InlineNode[] {
  return new InlineParser(text, 0, false).parse();
}
