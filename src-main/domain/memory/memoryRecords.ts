/**
 * Conversions between what callers give (checked inputs), what the doc
 * stores (MemoryRecord) and what callers get back (Memory).
 */
import { ValidationError } from '../../common/AppError';
import {
  memoryInputSchema,
  memoryPatchSchema,
  type Memory,
  type MemoryInput,
  type MemoryKind,
  type MemoryPatch,
} from '../../common/contract/memorySchemas';
import { DEFAULT_IMPORTANCE, type MemoryRecord } from '../../storage/memory/memoryDocFormat';
import type { MemoryRow } from '../../storage/memory/MemoryQueries';
import type { z } from 'zod';

/** A checked input (tags normalized, limits enforced). */
export type CheckedInput = z.output<typeof memoryInputSchema>;
/** A checked patch. */
export type CheckedPatch = z.output<typeof memoryPatchSchema>;

function describeIssues(error: z.ZodError, prefix: string): string {
  return `${prefix}${error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')}`;
}

const strictInput = memoryInputSchema.strict();
const strictPatch = memoryPatchSchema.strict();

/** Checks a new memory's fields; ValidationError names what is wrong. */
export function checkInput(input: MemoryInput, label = ''): CheckedInput {
  const parsed = strictInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error, label));
  return parsed.data;
}

/** Checks a patch's fields. */
export function checkPatch(patch: MemoryPatch, label = ''): CheckedPatch {
  const parsed = strictPatch.safeParse(patch);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error, label));
  return parsed.data;
}

/** The record of a new memory. */
export function newRecord(id: string, input: CheckedInput, now: number): MemoryRecord {
  return {
    id,
    text: input.text,
    kind: input.kind ?? 'fact',
    tags: input.tags ?? [],
    importance: input.importance ?? DEFAULT_IMPORTANCE,
    pinned: input.pinned ?? false,
    sourceMessageIds: [...new Set(input.sourceMessageIds ?? [])],
    source: input.source ?? null,
    at: input.at ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/** `record` with `patch` applied. */
export function patchedRecord(record: MemoryRecord, patch: CheckedPatch, now: number): MemoryRecord {
  return {
    ...record,
    ...(patch.text !== undefined ? { text: patch.text } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    ...(patch.importance !== undefined ? { importance: patch.importance } : {}),
    ...(patch.source !== undefined ? { source: patch.source } : {}),
    ...(patch.at !== undefined ? { at: patch.at } : {}),
    updatedAt: Math.max(now, record.createdAt),
  };
}

/** What a caller sees of a record. */
export function recordToMemory(dhId: string, r: MemoryRecord): Memory {
  return {
    id: r.id,
    dhId,
    text: r.text,
    kind: r.kind,
    tags: [...r.tags],
    importance: r.importance,
    pinned: r.pinned,
    sourceMessageIds: [...r.sourceMessageIds],
    source: r.source,
    at: r.at,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What a caller sees of a projected row. */
export function rowToMemory(row: MemoryRow): Memory {
  return {
    id: row.id,
    dhId: row.dh_id,
    text: row.text,
    kind: row.kind as MemoryKind,
    tags: row.tags.length > 0 ? row.tags.split(' ') : [],
    importance: row.importance,
    pinned: row.pinned === 1,
    sourceMessageIds: parseIds(row.source_message_ids),
    source: row.source,
    at: row.at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The ids the projection stored as a JSON array (written by it, so well formed). */
function parseIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
