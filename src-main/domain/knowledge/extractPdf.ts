/**
 * The text layer of a PDF to blocks, with the page of each.
 *
 * PDF.js (through a build that needs no worker, no canvas and no native
 * code) reads the text items of each page; scripts in the file are never
 * run and fonts are never compiled to code (`isEvalSupported: false`).
 * Items are joined into lines by their baseline; lines into paragraphs,
 * which end at a gap larger than the page's usual line spacing; a short
 * line set clearly larger than the body text is a heading, its level given
 * by its size among the document's heading sizes.
 */
import { getDocumentProxy } from 'unpdf';
import { ValidationError } from '../../common/AppError';
import type { ExtractedDocument, TextBlock } from './TextBlock';

interface Line {
  text: string;
  /** Baseline, from the bottom of the page. */
  y: number;
  size: number;
  page: number;
}

export interface PdfTextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL: boolean;
}

/** A heading is at least this much larger than the body text… */
const HEADING_RATIO = 1.18;
/** …and at most this long. */
const HEADING_MAX_CHARS = 140;
/** A gap between lines this many times the usual spacing ends a paragraph. */
const PARAGRAPH_GAP = 1.45;

/** What PDF.js reads of a file: each page's text items, and the title its metadata gives. */
export interface PdfText {
  pages: PdfTextItem[][];
  title: string | null;
}

/** Why PDF.js could not open a file (the worker of extractPdfOffThread.ts answers the same). */
export type PdfOpenFailure = 'password' | 'damaged' | 'unreadable';

/** The error of a failure to read `fileName`. */
export function pdfFailure(failure: PdfOpenFailure, fileName: string): ValidationError {
  if (failure === 'password') return new ValidationError(`${fileName} is protected by a password: remove the protection, then import it again`);
  if (failure === 'damaged') return new ValidationError(`${fileName} is damaged or is not a PDF`);
  return new ValidationError(`${fileName} is damaged: its text cannot be read`);
}

/** Blocks of a PDF's text layer; ValidationError for a damaged, encrypted or image-only file. */
export async function extractPdf(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  return pdfDocument(await readPdfText(bytes, fileName), fileName);
}

/** The text items of each page of a PDF, on this thread (extractPdfOffThread.ts does the same on a worker). */
async function readPdfText(bytes: Uint8Array, fileName: string): Promise<PdfText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: PDF.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, enableXfa: false, stopAtErrors: false });
  } catch (err) {
    throw pdfFailure(err instanceof Error && err.name === 'PasswordException' ? 'password' : 'damaged', fileName);
  }
  try {
    const pages: PdfTextItem[][] = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      const content = await (await pdf.getPage(page)).getTextContent();
      pages.push((content.items.filter((i) => 'str' in i) as PdfTextItem[]).map((i) => ({ str: i.str, transform: i.transform, height: i.height, hasEOL: i.hasEOL })));
    }
    let title: string | null = null;
    try {
      const info = (await pdf.getMetadata()).info as Record<string, unknown> | undefined;
      title = typeof info?.Title === 'string' ? info.Title : null;
    } catch {
      title = null;
    }
    return { pages, title };
  } catch {
    throw pdfFailure('unreadable', fileName);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

/** The blocks of a PDF from its text items; ValidationError when it has no text layer. */
export function pdfDocument(text: PdfText, fileName: string): ExtractedDocument {
  return linesDocument(text.pages.flatMap((items, i) => pageLines(items, i + 1)), text, fileName);
}

/** Pages whose lines are read between two turns of the event loop (`pdfDocumentYielding`). */
const PAGES_PER_TURN = 10;

/** `pdfDocument`, letting the event loop turn every few pages: a document of hundreds of pages never holds the thread long. */
export async function pdfDocumentYielding(text: PdfText, fileName: string): Promise<ExtractedDocument> {
  const lines: Line[] = [];
  for (let first = 0; first < text.pages.length; first += PAGES_PER_TURN) {
    if (first > 0) await new Promise((resolve) => setImmediate(resolve));
    text.pages.slice(first, first + PAGES_PER_TURN).forEach((items, i) => lines.push(...pageLines(items, first + i + 1)));
  }
  return linesDocument(lines, text, fileName);
}

function linesDocument(lines: readonly Line[], text: PdfText, fileName: string): ExtractedDocument {
  if (!lines.some((l) => /[\p{L}\p{N}]/u.test(l.text))) {
    throw new ValidationError(`${fileName} has no text layer (a scanned document?): run it through text recognition first`);
  }
  const t = text.title?.replace(/\s+/g, ' ').trim() ?? '';
  const blocks = toBlocks(lines);
  return { title: t.length > 0 ? t : (blocks.find((b) => b.kind === 'heading')?.text ?? null), blocks, pages: text.pages.length };
}

/** The lines of one page, top to bottom as the file orders them. */
function pageLines(items: readonly PdfTextItem[], page: number): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    const [, , c = 0, d = 0, , y = 0] = item.transform;
    const size = Math.hypot(c, d) || item.height || 1;
    if (current && Math.abs(current.y - y) > size * 0.5 && item.str.trim().length > 0) {
      lines.push(current);
      current = null;
    }
    if (!current) current = { text: '', y, size, page };
    current.text += item.str;
    if (item.str.trim().length > 0) current.size = Math.max(current.size, size);
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text.length > 0);
}

/** Body size: the size of most of the text (by characters). */
function bodySize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const size = Math.round(l.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + l.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function toBlocks(lines: readonly Line[]): TextBlock[] {
  const body = bodySize(lines);
  const isHeading = (l: Line): boolean => l.size >= body * HEADING_RATIO && l.text.length <= HEADING_MAX_CHARS && /\p{L}/u.test(l.text);
  // Heading sizes, largest first: the largest is level 1.
  const sizes = [...new Set(lines.filter(isHeading).map((l) => Math.round(l.size)))].sort((a, b) => b - a).slice(0, 6);
  const levelOf = (l: Line): number => Math.max(1, sizes.indexOf(Math.round(l.size)) + 1);
  const spacing = new Map<number, number>();
  for (let page = lines[0]?.page ?? 1, i = 0; i < lines.length; page = lines[i]?.page ?? page) {
    const gaps: number[] = [];
    for (; i < lines.length && lines[i]!.page === page; i++) {
      const prev = lines[i - 1];
      if (prev && prev.page === page && prev.y > lines[i]!.y && !isHeading(prev) && !isHeading(lines[i]!)) gaps.push(prev.y - lines[i]!.y);
    }
    spacing.set(page, median(gaps));
  }
  const blocks: TextBlock[] = [];
  let paragraph: Line[] = [];
  const flush = (): void => {
    if (paragraph.length === 0) return;
    blocks.push({ kind: 'paragraph', text: joinLines(paragraph.map((l) => l.text)), page: paragraph[0]!.page });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isHeading(line)) {
      flush();
      // A heading set on two lines is one heading.
      const prev = blocks.at(-1);
      const prevLine = lines[i - 1];
      if (prev?.kind === 'heading' && prevLine && isHeading(prevLine) && prevLine.page === line.page && Math.round(prevLine.size) === Math.round(line.size)) {
        prev.text = `${prev.text} ${line.text}`;
      } else {
        blocks.push({ kind: 'heading', level: levelOf(line), text: line.text, page: line.page });
      }
      continue;
    }
    const prev = paragraph.at(-1);
    const gap = prev ? prev.y - line.y : 0;
    const usual = spacing.get(line.page) || line.size * 1.2;
    if (prev && (prev.page !== line.page || gap > usual * PARAGRAPH_GAP || gap < 0)) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Lines of a paragraph as one text: a word broken by a hyphen at a line's end is joined again. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (out.length === 0) out = line;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out += ` ${line}`;
  }
  return out;
}
