/**
 * Contract of digital humans' long-term memory (see docs/memory.md): list,
 * read, add, edit, pin and delete memories, import many at once, and recall
 * what is relevant to a question. Every input is strict and names its
 * workspace and digital human; recall never crosses workspaces.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import {
  memoryDhIdSchema,
  memoryIdSchema,
  memoryInputSchema,
  memoryKindSchema,
  memoryPageSchema,
  memoryPatchSchema,
  memorySchema,
  recallItemSchema,
  recallResultSchema,
} from './memorySchemas';

/** Most memories one `memory.import` call takes. */
export const MEMORY_IMPORT_MAX = 50_000;
/** Most queries one `memory.recallBatch` call takes. */
export const MEMORY_RECALL_BATCH_MAX = 1000;
/** Longest recall query. */
export const MEMORY_QUERY_MAX = 2000;

const dhRef = { workspaceId: workspaceIdSchema, dhId: memoryDhIdSchema };
const memoryRef = { ...dhRef, id: memoryIdSchema };

const recallQuerySchema = z.string().max(MEMORY_QUERY_MAX, `A query is at most ${MEMORY_QUERY_MAX} characters`).refine((s) => s.trim().length > 0, 'A query cannot be empty');
/** How many items a recall returns: 1 to 100, 10 when not given. */
const recallKSchema = z.number().int().min(1).max(100).default(10);

/** Memory channels: name → input and output schema. */
export const memoryChannels = {
  /** Newest first; `query` ranks by relevance instead; `cursor` is the previous page's `nextCursor`. */
  'memory.list': {
    input: z
      .object({
        ...dhRef,
        query: z.string().max(500, 'A filter is at most 500 characters').optional(),
        kind: memoryKindSchema.optional(),
        pinned: z.boolean().optional(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
      })
      .strict(),
    output: memoryPageSchema,
  },
  'memory.get': { input: z.object(memoryRef).strict(), output: memorySchema },
  'memory.add': { input: memoryInputSchema.extend(dhRef).strict(), output: memorySchema },
  /** Only the fields given change; `null` clears `source` or `at`. */
  'memory.update': { input: memoryPatchSchema.extend(memoryRef).strict(), output: memorySchema },
  /** Deletes for good: the text is gone from the doc and from this device's history. */
  'memory.delete': { input: z.object(memoryRef).strict(), output: z.object({ id: z.string() }) },
  'memory.pin': { input: z.object({ ...memoryRef, on: z.boolean() }).strict(), output: memorySchema },
  /** Adds many memories at once (all or nothing). */
  'memory.import': {
    input: z
      .object({ ...dhRef, items: z.array(memoryInputSchema.strict()).min(1).max(MEMORY_IMPORT_MAX, `At most ${MEMORY_IMPORT_MAX} memories per call`) })
      .strict(),
    output: z.object({ imported: z.number().int() }),
  },
  /** The memories (and conversation messages) most relevant to `query`, best first. */
  'memory.recall': { input: z.object({ ...dhRef, query: recallQuerySchema, k: recallKSchema }).strict(), output: recallResultSchema },
  /** Many recalls at once (embedded in one call to the model server when vectors are on). */
  'memory.recallBatch': {
    input: z
      .object({
        ...dhRef,
        queries: z
          .array(z.object({ id: z.string().min(1).max(200), query: recallQuerySchema }).strict())
          .min(1)
          .max(MEMORY_RECALL_BATCH_MAX, `At most ${MEMORY_RECALL_BATCH_MAX} queries per call`),
        k: recallKSchema,
      })
      .strict(),
    output: z.object({ results: z.array(z.object({ id: z.string(), items: z.array(recallItemSchema) })) }),
  },
} as const;

/** Memory events: name → payload schema. */
export const memoryEvents = {
  /** Memories of this digital human were added, changed or deleted (here or by a peer): refetch. */
  'memory.changed': z.object({ workspaceId: workspaceIdSchema, dhId: memoryDhIdSchema }),
} as const;
