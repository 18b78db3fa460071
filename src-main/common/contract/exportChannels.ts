/**
 * Contract of workspace export and import: one zip holding a whole
 * workspace (every doc as its Yjs state and as JSON, each room as a
 * Markdown transcript, no secrets), and restoring such a zip as a new
 * workspace. Format: src-main/storage/export/workspaceArchiveFormat.ts.
 *
 * A window never names a file to import (`workspace.import` is the command
 * line's): the desktop app asks the main process to show its own open
 * dialog (`workspace.importPick`), and the browser host uploads the file's
 * bytes in pieces (`workspace.importUpload*`) into the core's own folder.
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

/** The largest piece of an upload one call carries (its base64 stays under the browser host's 1 MB frame). */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
/** The largest export one may upload (as the import's own limit on everything an archive holds). */
export const MAX_IMPORT_BYTES = 16 * 1024 ** 3;

const importResultSchema = z.object({ workspace: z.object({ id: workspaceIdSchema, name: z.string() }), docs: z.number().int(), files: z.number().int() });
const importNameSchema = z
  .string()
  .min(1, 'Give the file name')
  .max(255, 'That file name is too long')
  .refine((n) => !hasControlChars(n) && !/[/\\]/.test(n), 'A file name cannot hold "/", "\\" or control characters')
  .refine((n) => /\.zip$/i.test(n), 'Choose a workspace export: a file ending in .qwanyx.zip');
const uploadIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'Unknown upload');
const importChunkSchema = z
  .string()
  .min(1, 'An empty piece')
  .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4, `A piece is at most ${IMPORT_CHUNK_BYTES / 1024} KB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The piece must be base64');

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
  /** The command line only: a window is refused (it imports through the two ways below). */
  'workspace.import': {
    input: z.object({ file: filePathSchema }).strict(),
    output: importResultSchema,
  },
  /** The desktop app: the main process shows its open dialog and imports the file picked; null when nothing was picked. */
  'workspace.importPick': { input: z.object({}).strict(), output: importResultSchema.nullable() },
  /** Starts an upload of an export of `size` bytes (the name is shown in messages only). */
  'workspace.importUploadBegin': {
    input: z.object({ name: importNameSchema, size: z.number().int().min(1, 'The file is empty').max(MAX_IMPORT_BYTES, `An export is at most ${MAX_IMPORT_BYTES / 1024 ** 3} GB`) }).strict(),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  },
  /** The next piece of an upload, at the offset the core holds (base64, at most IMPORT_CHUNK_BYTES bytes). */
  'workspace.importUploadChunk': {
    input: z.object({ uploadId: uploadIdSchema, offset: z.number().int().min(0), data: importChunkSchema }).strict(),
    output: z.object({ received: z.number().int() }),
  },
  /** Imports a complete upload as a new workspace; the uploaded file is deleted whatever happens. */
  'workspace.importUploadFinish': { input: z.object({ uploadId: uploadIdSchema }).strict(), output: importResultSchema },
  /** Drops an upload (the person cancelled): its bytes are deleted. */
  'workspace.importUploadCancel': { input: z.object({ uploadId: uploadIdSchema }).strict(), output: z.object({ uploadId: z.string() }) },
} as const;

export const exportEvents = {
  /** An export in progress: docs written of the total, and bytes handed to the zip. */
  'workspace.exportProgress': z.object({ id: workspaceIdSchema, docs: z.number().int(), totalDocs: z.number().int(), bytes: z.number().int() }),
} as const;
