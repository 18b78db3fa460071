/**
 * Contract of the knowledge base (see docs/knowledge.md): documents imported
 * into a workspace (scope `workspace`, every digital human reads them) or
 * into one digital human (scope = its id), cut into passages that search
 * returns with their source (file name, heading path, page).
 *
 * Files travel as base64. A file up to IMPORT_MAX_BYTES goes in one
 * `knowledge.import` call where the transport allows it (Electron); the
 * browser host's frames are smaller, so the renderer sends big files in
 * parts with `knowledge.uploadPart` and imports them by `uploadId`.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN, workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';

/** Largest file accepted, in bytes (20 MB). */
export const KNOWLEDGE_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Largest part of an upload, in bytes (its base64 fits in a 1 MiB frame). */
export const KNOWLEDGE_UPLOAD_PART_MAX_BYTES = 512 * 1024;
/** Longest file name. */
export const KNOWLEDGE_FILE_NAME_MAX = 255;
/** Longest document title. */
export const KNOWLEDGE_TITLE_MAX = 300;
/** Longest search query. */
export const KNOWLEDGE_QUERY_MAX = 2000;
/** Longest passage, in UTF-16 code units (a passage aims at ~800 tokens, about 3,200 characters). */
export const KNOWLEDGE_CHUNK_TEXT_MAX = 8000;
/** Most headings in a passage's heading path. */
export const KNOWLEDGE_HEADINGS_MAX = 6;
/** Longest heading. */
export const KNOWLEDGE_HEADING_MAX = 200;

/** The kinds of file the knowledge base reads. */
export const KNOWLEDGE_MIME_TYPES = ['text/markdown', 'text/plain', 'text/html', 'application/pdf'] as const;
export type KnowledgeMime = (typeof KNOWLEDGE_MIME_TYPES)[number];

/** The scope of the workspace's own documents, which every digital human reads. */
export const WORKSPACE_SCOPE = 'workspace';

/**
 * Where a document belongs: `workspace`, or a digital human's id. (`workspace`
 * always means the workspace: a DH id is random and never that word.)
 */
export const knowledgeScopeSchema = z.string().regex(ENTITY_ID_PATTERN, 'Scope is "workspace" or a digital human id');

/** A document id. */
export const knowledgeDocumentIdSchema = z.string().regex(ENTITY_ID_PATTERN, 'Document id must be 1-64 letters, digits, "_" or "-"');

/** A file name as the user's system shows it: no folders, no control characters. */
export const knowledgeFileNameSchema = z
  .string()
  .min(1, 'A file name is required')
  .max(KNOWLEDGE_FILE_NAME_MAX, `A file name is at most ${KNOWLEDGE_FILE_NAME_MAX} characters`)
  .refine((s) => !hasControlChars(s) && !/[/\\]/.test(s), 'A file name cannot hold control characters or folders')
  .refine((s) => s.trim().length > 0 && s !== '.' && s !== '..', 'A file name cannot be blank');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 of at most `maxBytes` bytes. */
function base64Schema(maxBytes: number): z.ZodString {
  const maxChars = Math.ceil(maxBytes / 3) * 4;
  return z
    .string()
    .max(maxChars, `A file is at most ${Math.round(maxBytes / 1024 / 1024) || 1} MB`)
    .refine((s) => s.length % 4 === 0 && BASE64.test(s), 'Content must be base64');
}

/** A document of the knowledge base. */
export const knowledgeDocumentSchema = z.object({
  id: z.string(),
  /** `workspace` or a digital human's id. */
  scope: z.string(),
  title: z.string(),
  fileName: z.string(),
  mime: z.enum(KNOWLEDGE_MIME_TYPES),
  /** Size of the file imported, in bytes. */
  size: z.number(),
  /** Pages of a PDF; null for other files. */
  pages: z.number().nullable(),
  /** Passages indexed for search. */
  chunkCount: z.number(),
  /** Member who imported it. */
  importedBy: z.string(),
  /** Their name as this workspace knows it, or null. */
  importedByName: z.string().nullable(),
  importedAt: z.number(),
});
export type KnowledgeDocument = z.infer<typeof knowledgeDocumentSchema>;

/** One passage of a document, with where it comes from. */
export const knowledgeChunkSchema = z.object({
  ord: z.number(),
  /** Heading path, outermost first. */
  headings: z.array(z.string()),
  page: z.number().nullable(),
  pageEnd: z.number().nullable(),
  /** File name, heading path and page, as a citation shows it. */
  source: z.string(),
  text: z.string(),
});

/** A document and its passages. */
export const knowledgeDocumentDetailSchema = knowledgeDocumentSchema.extend({ chunks: z.array(knowledgeChunkSchema) });
export type KnowledgeDocumentDetail = z.infer<typeof knowledgeDocumentDetailSchema>;

/** A passage found by search. */
export const knowledgeSnippetSchema = z.object({
  documentId: z.string(),
  scope: z.string(),
  title: z.string(),
  fileName: z.string(),
  /** File name, heading path and page: what a citation names. */
  source: z.string(),
  headings: z.array(z.string()),
  page: z.number().nullable(),
  text: z.string(),
  /** Fused relevance: only the order means something. */
  score: z.number(),
});
export type KnowledgeSnippet = z.infer<typeof knowledgeSnippetSchema>;

const importInputSchema = z
  .object({
    workspaceId: workspaceIdSchema,
    scope: knowledgeScopeSchema,
    fileName: knowledgeFileNameSchema,
    /** The type the file picker reported; the file name's extension decides when it is vague. */
    mime: z.string().max(100).optional(),
    /** The whole file, when the transport carries it in one message. */
    contentBase64: base64Schema(KNOWLEDGE_FILE_MAX_BYTES).optional(),
    /** Or a file sent in parts with `knowledge.uploadPart`. */
    uploadId: knowledgeDocumentIdSchema.optional(),
  })
  .strict()
  .refine((i) => (i.contentBase64 === undefined) !== (i.uploadId === undefined), 'Give either contentBase64 or uploadId');

/** Knowledge channels: name → input and output schema. */
export const knowledgeChannels = {
  /** Reads, cuts and indexes a file (Markdown, text, HTML or PDF, at most 20 MB). */
  'knowledge.import': { input: importInputSchema, output: knowledgeDocumentSchema },
  /** One part of a big file, in order: `offset` is the number of bytes sent before it. */
  'knowledge.uploadPart': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        uploadId: knowledgeDocumentIdSchema,
        offset: z.number().int().min(0).max(KNOWLEDGE_FILE_MAX_BYTES),
        dataBase64: base64Schema(KNOWLEDGE_UPLOAD_PART_MAX_BYTES).refine((s) => s.length > 0, 'A part cannot be empty'),
      })
      .strict(),
    output: z.object({ received: z.number() }),
  },
  /** Documents, newest first: of one scope, or of the whole workspace (every scope) without one. */
  'knowledge.list': {
    input: z.object({ workspaceId: workspaceIdSchema, scope: knowledgeScopeSchema.optional() }).strict(),
    output: z.array(knowledgeDocumentSchema),
  },
  /** A document and its passages. */
  'knowledge.get': {
    input: z.object({ workspaceId: workspaceIdSchema, documentId: knowledgeDocumentIdSchema }).strict(),
    output: knowledgeDocumentDetailSchema,
  },
  /** Deletes a document: its passages leave the synced doc, the index and the vectors. */
  'knowledge.delete': {
    input: z.object({ workspaceId: workspaceIdSchema, documentId: knowledgeDocumentIdSchema }).strict(),
    output: z.object({ id: z.string() }),
  },
  /**
   * The passages most relevant to `query`, best first: from the workspace's
   * documents, and with `dhId` from that digital human's too (what it reads).
   */
  'knowledge.search': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        dhId: z.string().regex(ENTITY_ID_PATTERN, 'Digital human id must be 1-64 letters, digits, "_" or "-"').optional(),
        query: z
          .string()
          .max(KNOWLEDGE_QUERY_MAX, `A query is at most ${KNOWLEDGE_QUERY_MAX} characters`)
          .refine((s) => s.trim().length > 0, 'A query cannot be empty'),
        k: z.number().int().min(1).max(50).default(8),
      })
      .strict(),
    output: z.object({ items: z.array(knowledgeSnippetSchema) }),
  },
} as const;

/** Knowledge events: name → payload schema. */
export const knowledgeEvents = {
  /** Documents of this workspace were imported or deleted (here or by a peer): refetch. */
  'knowledge.changed': z.object({ workspaceId: workspaceIdSchema }),
} as const;
