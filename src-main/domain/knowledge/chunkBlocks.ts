/**
 * Cuts a document's blocks into passages for search and for a model's
 * context: about 800 tokens each (counted as ~4 characters a token), cut
 * between paragraphs, and at a heading once the passage holds enough to
 * stand alone, so a passage is mostly one section. A paragraph longer than
 * a passage is cut between sentences (between words as a last resort).
 * When a passage is cut inside a section, the next one starts with the end
 * of it (~100 tokens of whole paragraphs or sentences), so a fact that
 * straddles the cut is whole in one of them. Each passage keeps the
 * heading path and the pages where it starts and ends, for citations.
 */
import { KNOWLEDGE_HEADING_MAX, KNOWLEDGE_HEADINGS_MAX } from '../../common/contract/knowledgeChannels';
import type { TextBlock } from './TextBlock';

/** A passage of a document. */
export interface Chunk {
  text: string;
  headings: string[];
  page: number | null;
  pageEnd: number | null;
}

export interface ChunkOptions {
  /** Target length of a passage, in characters (default 3,200: ~800 tokens). */
  targetChars?: number;
  /** Length carried over from a passage cut inside a section (default 400: ~100 tokens). */
  overlapChars?: number;
  /** A heading starts a new passage once the current one holds this much (default 800). */
  minChars?: number;
}

interface Piece {
  text: string;
  page: number | null;
  heading: boolean;
  /** Carried over from the previous passage. */
  carried?: boolean;
}

/** Sentence ends: after . ! ? … (and a closing quote or bracket), before a space. */
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]?)\s+/u;

/** Cuts `text` into pieces of at most `max` characters, between sentences, else between words, else anywhere. */
export function splitLongText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let current = '';
  for (const sentence of text.split(SENTENCE_END)) {
    for (const part of sentence.length <= max ? [sentence] : splitWords(sentence, max)) {
      if (current.length > 0 && current.length + 1 + part.length > max) {
        out.push(current);
        current = '';
      }
      current = current.length > 0 ? `${current} ${part}` : part;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function splitWords(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const cut = space > max / 2 ? space : max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

/** The passages of `blocks`. */
export function chunkBlocks(blocks: readonly TextBlock[], options: ChunkOptions = {}): Chunk[] {
  const target = options.targetChars ?? 3200;
  const overlap = options.overlapChars ?? 400;
  const min = options.minChars ?? 800;
  const chunks: Chunk[] = [];
  const path: { level: number; text: string }[] = [];
  let pieces: Piece[] = [];
  let size = 0;
  let headings: string[] = [];

  const currentPath = (): string[] => path.slice(-KNOWLEDGE_HEADINGS_MAX).map((h) => h.text.slice(0, KNOWLEDGE_HEADING_MAX));
  // Body text this passage adds (not only headings, not only what the previous one carried over).
  const hasNewBody = (): boolean => pieces.some((p) => !p.heading && !p.carried);
  const emit = (): void => {
    if (!hasNewBody()) return;
    const pages = pieces.map((p) => p.page).filter((p): p is number => p !== null);
    chunks.push({
      text: pieces.map((p) => p.text).join('\n\n'),
      headings,
      page: pages.length > 0 ? Math.min(...pages) : null,
      pageEnd: pages.length > 0 ? Math.max(...pages) : null,
    });
  };
  const start = (carried: Piece[]): void => {
    pieces = carried.map((p) => ({ ...p, carried: true }));
    size = carried.reduce((n, p) => n + p.text.length + 2, 0);
    headings = currentPath();
  };
  const add = (piece: Piece): void => {
    if (pieces.length === 0) headings = currentPath();
    pieces.push(piece);
    size += piece.text.length + 2;
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      if (!hasNewBody() || size >= min) {
        emit();
        start([]);
      }
      while (path.length > 0 && path.at(-1)!.level >= block.level) path.pop();
      path.push({ level: block.level, text: block.text });
      // The heading stays in the text too: a passage that merged small sections says what each is.
      add({ text: block.text.slice(0, KNOWLEDGE_HEADING_MAX), page: block.page, heading: true });
      continue;
    }
    for (const text of splitLongText(block.text, target)) {
      if (hasNewBody() && size + text.length > target) {
        emit();
        start(tail(pieces, overlap));
      }
      add({ text, page: block.page, heading: false });
    }
  }
  emit();
  return chunks;
}

/** The end of a passage to carry into the next: whole paragraphs, or the last sentences of the last one, within `max`. */
function tail(pieces: readonly Piece[], max: number): Piece[] {
  const out: Piece[] = [];
  let size = 0;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const p = pieces[i]!;
    if (p.heading) break;
    if (size + p.text.length <= max) {
      out.unshift(p);
      size += p.text.length;
      continue;
    }
    if (out.length === 0) {
      const sentences = p.text.split(SENTENCE_END);
      const kept: string[] = [];
      for (let j = sentences.length - 1; j > 0 && size + sentences[j]!.length <= max; j--) {
        kept.unshift(sentences[j]!);
        size += sentences[j]!.length + 1;
      }
      if (kept.length > 0) out.unshift({ text: kept.join(' '), page: p.page, heading: false });
    }
    break;
  }
  return out;
}
