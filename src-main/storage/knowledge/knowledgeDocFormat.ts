/**
 * Format of the knowledge base in the synced docs (a write/read pair: the
 * writer is used by the knowledge service, the reader by the projection,
 * and the reader never trusts what it reads, since a peer may have written
 * it).
 *
 * Where: the root map `knowledge` of `meta` holds the workspace's documents
 * (scope `workspace`, read by every digital human); the root map
 * `knowledge` of `dh/<dhId>` holds that digital human's own. Both are
 * synced, so teammates get the documents without importing them again.
 *
 * Keys of a `knowledge` map:
 * - `<documentId>` → KnowledgeDocumentRecord, a plain JSON object
 *   `{id, title, fileName, mime, size, pages, chunkCount, partCount,
 *   importedBy, importedAt}`: written last, once every part is in, so a
 *   document appears complete or not at all;
 * - `<documentId>:<n>` (n = 0 … partCount-1) → KnowledgePartRecord
 *   `{documentId, part, at, chunks: [{ord, text, headings, page, pageEnd}]}`
 *   (`at`: when it was written, ms, so parts an interrupted import left
 *   behind can be told from those of an import still under way):
 *   the passages, a few hundred kilobytes of text per part, so that one
 *   Yjs update stays well under a relay's frame limit (1 MiB by default)
 *   and a big file syncs as a few updates rather than one huge one.
 *
 * A document never changes after its import. Deleting it removes its record
 * and every part in one transaction; Yjs garbage-collects the removed
 * values, so the text is gone from the doc's state.
 */
import {
  KNOWLEDGE_CHUNK_TEXT_MAX,
  KNOWLEDGE_FILE_MAX_BYTES,
  KNOWLEDGE_FILE_NAME_MAX,
  KNOWLEDGE_HEADING_MAX,
  KNOWLEDGE_HEADINGS_MAX,
  KNOWLEDGE_MIME_TYPES,
  KNOWLEDGE_TITLE_MAX,
  type KnowledgeMime,
} from '../../common/contract/knowledgeChannels';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** The root map that holds the knowledge base, in `meta` and in each `dh/<id>`. */
export const KNOWLEDGE_MAP = 'knowledge';

/** Most passages of one document (a 20 MB text file cut in ~3,200-character passages is below). */
export const KNOWLEDGE_CHUNKS_MAX = 20_000;
/** Most parts of one document. */
export const KNOWLEDGE_PARTS_MAX = 2_000;
/** Most pages of a PDF recorded. */
const PAGES_MAX = 1_000_000;

/** A document as stored. */
export interface KnowledgeDocumentRecord {
  id: string;
  title: string;
  fileName: string;
  mime: KnowledgeMime;
  size: number;
  pages: number | null;
  chunkCount: number;
  partCount: number;
  importedBy: string;
  importedAt: number;
}

/** One passage as stored. */
export interface KnowledgeChunkRecord {
  /** Its position in the document, from 0. */
  ord: number;
  text: string;
  /** Heading path, outermost first. */
  headings: string[];
  /** First and last page it comes from (PDF), or null. */
  page: number | null;
  pageEnd: number | null;
}

/** A group of consecutive passages of one document. */
export interface KnowledgePartRecord {
  documentId: string;
  part: number;
  /** When it was written (ms). */
  at: number;
  chunks: KnowledgeChunkRecord[];
}

/** What a key of a `knowledge` map names. */
export type KnowledgeKey = { kind: 'document'; documentId: string } | { kind: 'part'; documentId: string; part: number };

const MIMES: ReadonlySet<string> = new Set(KNOWLEDGE_MIME_TYPES);
const CONTROL = /\p{Cc}/gu;
const PART_KEY = /^([A-Za-z0-9_-]{1,64}):(\d{1,4})$/;

/** The key of part `part` of document `documentId`. */
export function knowledgePartKey(documentId: string, part: number): string {
  return `${documentId}:${part}`;
}

/** What `key` names, or null when it is nothing this format knows. */
export function readKnowledgeKey(key: string): KnowledgeKey | null {
  if (ENTITY_ID_PATTERN.test(key)) return { kind: 'document', documentId: key };
  const m = PART_KEY.exec(key);
  if (!m) return null;
  const part = Number(m[2]);
  return part < KNOWLEDGE_PARTS_MAX ? { kind: 'part', documentId: m[1]!, part } : null;
}

/** The value to store under `knowledge[record.id]`. */
export function writeKnowledgeDocument(record: KnowledgeDocumentRecord): Record<string, unknown> {
  return {
    id: record.id,
    title: record.title,
    fileName: record.fileName,
    mime: record.mime,
    size: record.size,
    pages: record.pages,
    chunkCount: record.chunkCount,
    partCount: record.partCount,
    importedBy: record.importedBy,
    importedAt: record.importedAt,
  };
}

/** The value to store under `knowledge[knowledgePartKey(documentId, part)]`. */
export function writeKnowledgePart(record: KnowledgePartRecord): Record<string, unknown> {
  return {
    documentId: record.documentId,
    part: record.part,
    at: record.at,
    chunks: record.chunks.map((c) => ({ ord: c.ord, text: c.text, headings: [...c.headings], page: c.page, pageEnd: c.pageEnd })),
  };
}

/**
 * Reads `knowledge[key]` as a document; null when it is not one (a key that
 * is not an id, no file name, an unknown type, counts out of range).
 * Display fields are repaired (control characters dropped, trimmed to size)
 * rather than dropping the document.
 */
export function readKnowledgeDocument(key: string, value: unknown): KnowledgeDocumentRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || !isObject(value)) return null;
  const fileName = oneLine(value.fileName, KNOWLEDGE_FILE_NAME_MAX);
  if (fileName === null || typeof value.mime !== 'string' || !MIMES.has(value.mime)) return null;
  const chunkCount = count(value.chunkCount, KNOWLEDGE_CHUNKS_MAX);
  const partCount = count(value.partCount, KNOWLEDGE_PARTS_MAX);
  const importedAt = Number.isSafeInteger(value.importedAt) ? (value.importedAt as number) : null;
  if (chunkCount === null || partCount === null || importedAt === null) return null;
  const importedBy = typeof value.importedBy === 'string' && ENTITY_ID_PATTERN.test(value.importedBy) ? value.importedBy : 'unknown';
  return {
    id: key,
    title: oneLine(value.title, KNOWLEDGE_TITLE_MAX) ?? fileName,
    fileName,
    mime: value.mime as KnowledgeMime,
    size: count(value.size, KNOWLEDGE_FILE_MAX_BYTES) ?? 0,
    pages: count(value.pages, PAGES_MAX),
    chunkCount,
    partCount,
    importedBy,
    importedAt,
  };
}

/**
 * Reads `knowledge[key]` as a part of document `documentId`; null when it
 * is not one. Passages that are malformed are left out, the others kept.
 */
export function readKnowledgePart(key: string, value: unknown): KnowledgePartRecord | null {
  const k = readKnowledgeKey(key);
  if (k?.kind !== 'part' || !isObject(value) || value.documentId !== k.documentId || value.part !== k.part || !Array.isArray(value.chunks)) return null;
  const chunks: KnowledgeChunkRecord[] = [];
  const seen = new Set<number>();
  for (const raw of value.chunks) {
    const chunk = readChunk(raw);
    if (chunk && !seen.has(chunk.ord)) {
      seen.add(chunk.ord);
      chunks.push(chunk);
    }
    if (chunks.length === KNOWLEDGE_CHUNKS_MAX) break;
  }
  return { documentId: k.documentId, part: k.part, at: Number.isSafeInteger(value.at) ? (value.at as number) : 0, chunks };
}

function readChunk(raw: unknown): KnowledgeChunkRecord | null {
  if (!isObject(raw) || typeof raw.text !== 'string') return null;
  const ord = count(raw.ord, KNOWLEDGE_CHUNKS_MAX - 1);
  const text = raw.text.split('\u0000').join('').slice(0, KNOWLEDGE_CHUNK_TEXT_MAX);
  if (ord === null || text.trim().length === 0) return null;
  const headings: string[] = [];
  if (Array.isArray(raw.headings)) {
    for (const h of raw.headings) {
      const heading = oneLine(h, KNOWLEDGE_HEADING_MAX);
      if (heading !== null) headings.push(heading);
      if (headings.length === KNOWLEDGE_HEADINGS_MAX) break;
    }
  }
  const page = count(raw.page, PAGES_MAX);
  const pageEnd = page === null ? null : Math.max(page, count(raw.pageEnd, PAGES_MAX) ?? page);
  return { ord, text, headings, page: page === 0 ? null : page, pageEnd: page === 0 ? null : pageEnd };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A one-line display string: control characters as spaces, trimmed, at most `max`; null when blank or not a string. */
function oneLine(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const s = value.replace(CONTROL, ' ').trim().slice(0, max);
  return s.length > 0 ? s : null;
}

/** A whole number from 0 to `max`, or null. */
function count(value: unknown, max: number): number | null {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max ? (value as number) : null;
}
