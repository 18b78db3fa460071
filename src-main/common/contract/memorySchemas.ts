/**
 * Shapes of a digital human's long-term memory as the memory channels take
 * and return them (see docs/memory.md). The limits here are also what the
 * doc format's reader enforces, since a peer could write anything.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN, messageIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';

/** Longest memory text, in UTF-16 code units. */
export const MEMORY_TEXT_MAX = 8000;
/** Most tags on one memory. */
export const MEMORY_TAGS_MAX = 20;
/** Longest tag. */
export const MEMORY_TAG_MAX = 40;
/** Longest `source` (a conversation turn id, a file name and line…). */
export const MEMORY_SOURCE_MAX = 200;
/** Most message ids a memory cites. */
export const MEMORY_SOURCE_MESSAGES_MAX = 50;

/** What a memory holds: a fact, a preference, something that happened, or an instruction to follow. */
export const memoryKindSchema = z.enum(['fact', 'preference', 'event', 'instruction']);
export type MemoryKind = z.infer<typeof memoryKindSchema>;

/** Zod schema of a digital human's id (it becomes part of a doc name, `dh/<id>`). */
export const memoryDhIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Digital human id must be 1-64 letters, digits, "_" or "-"');

/** Zod schema of a memory id. */
export const memoryIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Memory id must be 1-64 letters, digits, "_" or "-"');

/** Memory text: not blank, at most MEMORY_TEXT_MAX characters, no NUL. */
export const memoryTextSchema = z
  .string()
  .max(MEMORY_TEXT_MAX, `A memory is at most ${MEMORY_TEXT_MAX} characters`)
  .refine((s) => s.trim().length > 0, 'A memory cannot be empty')
  .refine((s) => !s.includes('\u0000'), 'A memory cannot contain NUL characters');

/**
 * Folds a tag the way it is stored: trimmed, lowercase, inner whitespace as `-`
 * (so the tags of a memory can be indexed as one space-separated string).
 */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, '-');
}

/** One tag, normalized (normalizeTag): 1 to MEMORY_TAG_MAX characters, no control characters. */
export const memoryTagSchema = z
  .string()
  .max(200)
  .transform(normalizeTag)
  .pipe(
    z
      .string()
      .min(1, 'A tag cannot be empty')
      .max(MEMORY_TAG_MAX, `A tag is at most ${MEMORY_TAG_MAX} characters`)
      .refine((s) => !hasControlChars(s), 'A tag cannot hold control characters'),
  );

/** The tags of a memory: at most MEMORY_TAGS_MAX; duplicates are dropped. */
export const memoryTagsSchema = z
  .array(memoryTagSchema)
  .max(MEMORY_TAGS_MAX, `A memory has at most ${MEMORY_TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

/** Importance, from 0 (trivia) to 1 (essential); 0.5 when not given. */
export const memoryImportanceSchema = z.number().min(0).max(1);

/** Where a memory comes from, as free text (a conversation turn id like "D1:3"). */
export const memorySourceSchema = z
  .string()
  .max(MEMORY_SOURCE_MAX, `A source is at most ${MEMORY_SOURCE_MAX} characters`)
  .refine((s) => !hasControlChars(s), 'A source is one line without control characters');

/** A time in milliseconds since the epoch. */
export const memoryAtSchema = z.number().int().min(-8.64e15).max(8.64e15);

/** A memory of a digital human. */
export const memorySchema = z.object({
  id: memoryIdSchema,
  dhId: memoryDhIdSchema,
  text: z.string(),
  kind: memoryKindSchema,
  tags: z.array(z.string()),
  importance: z.number(),
  pinned: z.boolean(),
  sourceMessageIds: z.array(z.string()),
  source: z.string().nullable(),
  /** When the remembered thing happened (ms), when known. */
  at: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Memory = z.infer<typeof memorySchema>;

/** A page of memories; `nextCursor` fetches the next one. */
export const memoryPageSchema = z.object({
  memories: z.array(memorySchema),
  nextCursor: z.string().nullable(),
});
export type MemoryPage = z.infer<typeof memoryPageSchema>;

/** What a new memory is made of (the fields a user or an import gives). */
export const memoryInputSchema = z.object({
  text: memoryTextSchema,
  kind: memoryKindSchema.optional(),
  tags: memoryTagsSchema.optional(),
  importance: memoryImportanceSchema.optional(),
  pinned: z.boolean().optional(),
  source: memorySourceSchema.nullable().optional(),
  at: memoryAtSchema.nullable().optional(),
  sourceMessageIds: z.array(messageIdSchema).max(MEMORY_SOURCE_MESSAGES_MAX).optional(),
});
export type MemoryInput = z.input<typeof memoryInputSchema>;

/** Changes to a memory: only the fields given change. */
export const memoryPatchSchema = z.object({
  text: memoryTextSchema.optional(),
  kind: memoryKindSchema.optional(),
  tags: memoryTagsSchema.optional(),
  importance: memoryImportanceSchema.optional(),
  source: memorySourceSchema.nullable().optional(),
  at: memoryAtSchema.nullable().optional(),
});
export type MemoryPatch = z.input<typeof memoryPatchSchema>;

/**
 * One recalled item: a memory (its kind), or a message of the workspace's
 * conversations (`kind: 'message'`, with its room and author).
 */
export const recallItemSchema = z.object({
  kind: z.enum(['fact', 'preference', 'event', 'instruction', 'message']),
  /** The memory id, or the message id. */
  id: z.string(),
  text: z.string(),
  /** Fused relevance: only the order means something. */
  score: z.number(),
  source: z.string().nullable(),
  at: z.number().nullable(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  roomId: z.string().nullable(),
  authorId: z.string().nullable(),
});
export type RecallItem = z.infer<typeof recallItemSchema>;

export const recallResultSchema = z.object({ items: z.array(recallItemSchema) });
export type RecallResult = z.infer<typeof recallResultSchema>;
