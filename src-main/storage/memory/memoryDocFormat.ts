/**
 * Format of the memories of a digital human, in its doc `dh/<dhId>` (a
 * write/read pair: the writer is used by the memory service, the reader by
 * the projection, and the reader never trusts what it reads, since a peer
 * may have written it):
 *
 * - `memories`: Y.Map memoryId → MemoryRecord, a plain JSON object
 *   `{id, text, kind, tags, importance, pinned, sourceMessageIds, source, at,
 *   createdAt, updatedAt}`:
 *   - `text`: 1 to 8,000 characters;
 *   - `kind`: 'fact' | 'preference' | 'event' | 'instruction';
 *   - `tags`: at most 20, each 1 to 40 characters, lowercase, no whitespace;
 *   - `importance`: 0 to 1; `pinned`: boolean;
 *   - `sourceMessageIds`: ids of the messages it was learnt from;
 *   - `source`: free text (a conversation turn id like "D1:3") or null;
 *   - `at`: when the remembered thing happened (ms) or null;
 *   - `createdAt`, `updatedAt`: ms.
 *
 * An edit replaces the whole value; a delete removes the key. Either way Yjs
 * garbage-collects the old value, so a deleted or edited text is gone from
 * the doc's state (the update log keeps it until the doc is compacted).
 */
import {
  MEMORY_SOURCE_MAX,
  MEMORY_SOURCE_MESSAGES_MAX,
  MEMORY_TAG_MAX,
  MEMORY_TAGS_MAX,
  MEMORY_TEXT_MAX,
  normalizeTag,
  type MemoryKind,
} from '../../common/contract/memorySchemas';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** A memory as stored in its digital human's doc. */
export interface MemoryRecord {
  id: string;
  text: string;
  kind: MemoryKind;
  tags: string[];
  importance: number;
  pinned: boolean;
  sourceMessageIds: string[];
  source: string | null;
  at: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The root map of a `dh/<id>` doc that holds memories. */
export const MEMORIES_MAP = 'memories';

const KINDS: ReadonlySet<string> = new Set<MemoryKind>(['fact', 'preference', 'event', 'instruction']);

/** Control characters, which one-line fields must not hold. */
const CONTROL = /\p{Cc}/gu;

/** Importance of a memory that does not say. */
export const DEFAULT_IMPORTANCE = 0.5;

/** The value to store under `memories[record.id]`. */
export function writeMemoryRecord(record: MemoryRecord): Record<string, unknown> {
  return {
    id: record.id,
    text: record.text,
    kind: record.kind,
    tags: [...record.tags],
    importance: record.importance,
    pinned: record.pinned,
    sourceMessageIds: [...record.sourceMessageIds],
    source: record.source,
    at: record.at,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/**
 * Reads `memories[key]`; null when it is not a memory (no text, a key that
 * is not an id, no creation time). Fields that are merely out of range are
 * repaired (clamped, trimmed, defaulted) rather than dropping the memory.
 */
export function readMemoryRecord(key: string, value: unknown): MemoryRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text !== 'string' || v.text.trim().length === 0 || !Number.isSafeInteger(v.createdAt)) return null;
  const createdAt = v.createdAt as number;
  return {
    id: key,
    text: v.text.split('\u0000').join('').slice(0, MEMORY_TEXT_MAX),
    kind: typeof v.kind === 'string' && KINDS.has(v.kind) ? (v.kind as MemoryKind) : 'fact',
    tags: readTags(v.tags),
    importance: typeof v.importance === 'number' && Number.isFinite(v.importance) ? Math.min(1, Math.max(0, v.importance)) : DEFAULT_IMPORTANCE,
    pinned: v.pinned === true,
    sourceMessageIds: Array.isArray(v.sourceMessageIds)
      ? [...new Set(v.sourceMessageIds.filter((m): m is string => typeof m === 'string' && ENTITY_ID_PATTERN.test(m)))].slice(0, MEMORY_SOURCE_MESSAGES_MAX)
      : [],
    source: typeof v.source === 'string' && v.source.length > 0 ? v.source.replace(CONTROL, ' ').slice(0, MEMORY_SOURCE_MAX) : null,
    at: Number.isSafeInteger(v.at) ? (v.at as number) : null,
    createdAt,
    updatedAt: Number.isSafeInteger(v.updatedAt) ? Math.max(createdAt, v.updatedAt as number) : createdAt,
  };
}

function readTags(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const tags = new Set<string>();
  for (const tag of value) {
    if (typeof tag !== 'string') continue;
    const t = normalizeTag(tag).replace(CONTROL, '');
    if (t.length > 0 && t.length <= MEMORY_TAG_MAX) tags.add(t);
    if (tags.size === MEMORY_TAGS_MAX) break;
  }
  return [...tags];
}
