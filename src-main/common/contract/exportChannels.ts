/**
 * Contract of workspace export and import: one zip holding a whole
 * workspace (every doc as its Yjs state and as JSON, each room as a
 * Markdown transcript, no secrets), and restoring such a zip as a new
 * workspace. Format: src-main/storage/export/workspaceArchiveFormat.ts.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';

/** A file path on this computer, as the person typed it or a dialog gave it. */
const filePathSchema = z
  .string()
  .min(1, 'Give a file path')
  .max(4096, 'That path is too long')
  .refine((p) => !hasControlChars(p), 'A file path cannot hold control characters');

export const exportChannels = {
  /**
   * `out` must end in `.zip`: a window may only ever make a new zip file, never
   * any other file, wherever it points (and never overwrite: the core refuses
   * an existing path).
   */
  'workspace.export': {
    /** Without `out`, the zip goes to the Downloads folder (or the data dir's `exports/`), named after the workspace and the day. */
    input: z.object({ id: workspaceIdSchema, out: filePathSchema.refine((p) => /\.zip$/i.test(p), 'The export file name must end in .zip (for example acme.qwanyx.zip)').optional() }).strict(),
    output: z.object({
      path: z.string(),
      bytes: z.number().int(),
      docs: z.number().int(),
      rooms: z.number().int(),
      messages: z.number().int(),
      files: z.number().int(),
      filesMissing: z.number().int(),
    }),
  },
  'workspace.import': {
    input: z.object({ file: filePathSchema }).strict(),
    output: z.object({ workspace: z.object({ id: workspaceIdSchema, name: z.string() }), docs: z.number().int(), files: z.number().int() }),
  },
} as const;

export const exportEvents = {
  /** An export in progress: docs written of the total, and bytes handed to the zip. */
  'workspace.exportProgress': z.object({ id: workspaceIdSchema, docs: z.number().int(), totalDocs: z.number().int(), bytes: z.number().int() }),
} as const;
