/**
 * Contract of files attached to messages (docs/files.md): the bytes of a
 * file come from the renderer once (`file.attach`, size-capped) and become a
 * content-addressed blob of the workspace; a message names its files by
 * hash (`file.post`); `file.list`, `file.read` and `file.thumbnail` read
 * them back, only for rooms the person may see. No channel writes a file to
 * a path of this computer (the window saves through its own download; the
 * command line writes the bytes `file.read` gives it). Image
 * previews are made in the core. The rules a file reference obeys are here
 * so that the contract, the room doc's reader (storage/files/fileRefFormat.ts)
 * and the relay check the same thing.
 */
import { z } from 'zod';
import { messageIdSchema, roomIdSchema, workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';
import { messageSchema } from './roomSchemas';

/** The largest file one may attach (bytes). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** The most files on one message. */
export const MAX_FILES_PER_MESSAGE = 10;
/** The largest piece of a file one upload request carries to a relay that does not say (its upload status has no `maxChunkBytes`). */
export const BLOB_CHUNK_BYTES = 16 * 1024 * 1024;
/** The largest piece of a file one upload request may carry to this relay (it says so in its upload status); the client sizes its requests by its throughput up to it. */
export const MAX_BLOB_REQUEST_BYTES = 256 * 1024 * 1024;
/** A SHA-256, lowercase hex. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
const TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/;

/** Whether `name` is a plain file name a save dialog or a folder can take (no separators, no control characters). */
export function isSafeFileName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !hasControlChars(name) && !/[/\\\u202a-\u202e\u2066-\u2069]/.test(name) && name !== '.' && name !== '..';
}

/** Whether `type` is a MIME type (`type/subtype`, lowercase). */
export function isMimeType(type: string): boolean {
  return TYPE_PATTERN.test(type);
}

export const fileHashSchema = z.string().regex(HASH_PATTERN, 'A file hash is 64 lowercase hex digits (SHA-256)');
const fileNameSchema = z.string().refine(isSafeFileName, 'A file name is 1-255 characters, without "/", "\\", control or direction characters');
const mimeTypeSchema = z
  .string()
  .transform((t) => t.trim().toLowerCase() || 'application/octet-stream')
  .refine(isMimeType, 'A file type is a MIME type such as image/png');

/** A file as a message names it. */
export const fileRefSchema = z.object({ hash: fileHashSchema, name: z.string(), size: z.number().int(), type: z.string() });

/** A file as the app shows it: whether its bytes are on this device and whether it has a preview. */
export const attachedFileSchema = fileRefSchema.extend({ local: z.boolean(), thumbnail: z.boolean() });

/** Base64 of at most MAX_FILE_BYTES bytes. */
const base64Schema = z
  .string()
  .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, `A file is at most ${MAX_FILE_BYTES / (1024 * 1024)} MB: share a link to larger ones`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file bytes must be base64');

export const fileChannels = {
  /** Stores the bytes as a blob of the workspace (once) and makes an image's preview; post them with `file.post`. */
  'file.attach': {
    input: z.object({ workspaceId: workspaceIdSchema, name: fileNameSchema, type: mimeTypeSchema, data: base64Schema }).strict(),
    output: attachedFileSchema,
  },
  /** Posts a message naming files attached before (by hash); without text, the message reads as the file names. */
  'file.post': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        roomId: roomIdSchema,
        text: z.string().max(40_000).optional(),
        threadRootId: messageIdSchema.optional(),
        files: z.array(fileHashSchema).min(1, 'Attach at least one file').max(MAX_FILES_PER_MESSAGE, `A message holds at most ${MAX_FILES_PER_MESSAGE} files`),
      })
      .strict(),
    output: messageSchema,
  },
  /** The files of a room's messages, by message. */
  'file.list': {
    input: z.object({ workspaceId: workspaceIdSchema, roomId: roomIdSchema }).strict(),
    output: z.array(z.object({ messageId: messageIdSchema, files: z.array(attachedFileSchema) })),
  },
  /** The bytes of a file of a room the person may see (base64). */
  'file.read': {
    input: z.object({ workspaceId: workspaceIdSchema, hash: fileHashSchema }).strict(),
    output: z.object({ file: fileRefSchema, data: z.string() }),
  },
  /** The preview of an image (a PNG, base64), made on first ask; null when it has none. */
  'file.thumbnail': {
    input: z.object({ workspaceId: workspaceIdSchema, hash: fileHashSchema }).strict(),
    output: z.object({ data: z.string(), width: z.number().int(), height: z.number().int() }).nullable(),
  },
} as const;

export const fileEvents = {
  /** Files named by messages of a room arrived on this device from the relay. */
  'files.arrived': z.object({ workspaceId: workspaceIdSchema, roomId: roomIdSchema, hashes: z.array(fileHashSchema) }),
  /** A file moving to (`up`) or from (`down`) the relay: bytes done of its size (several a second at most; done when equal). */
  'files.progress': z.object({ workspaceId: workspaceIdSchema, hash: fileHashSchema, direction: z.enum(['up', 'down']), bytes: z.number().int(), total: z.number().int() }),
  /** A file could not go to the relay for a reason waiting will not fix (its quota); `message` says what to do. */
  'files.transferFailed': z.object({ workspaceId: workspaceIdSchema, hash: fileHashSchema, message: z.string() }),
} as const;

export type FileRefOut = z.output<typeof fileRefSchema>;
export type AttachedFile = z.output<typeof attachedFileSchema>;
