/**
 * `read_attachment`: a digital human reads a text, Markdown, HTML or PDF
 * file attached to a message of the conversation it answers in
 * (AttachmentReader.ts says which files it may read). The answer is bounded:
 * at most `maxChars` characters from `offset`, with the total and where to
 * go on, so a 500-page file is read a part at a time. The file's text is
 * someone else's words: the result joins the untrusted context
 * (`returnsData`) and reaches the model between data markers.
 */
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import type { AttachmentReader } from '../runtime/AttachmentReader';
import { defineTool, type AgentTool } from './AgentTool';

/** Characters of one answer, by default and at most. */
export const ATTACHMENT_CHARS = 12_000;
export const ATTACHMENT_MAX_CHARS = 30_000;

const input = z
  .object({
    messageId: z.string().trim().min(1).max(64).optional(),
    index: z.number().int().min(0).max(9).optional(),
    hash: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file, 64 hex digits')
      .optional(),
    offset: z.number().int().min(0).optional(),
    maxChars: z.number().int().min(500).max(ATTACHMENT_MAX_CHARS).optional(),
  })
  .strict()
  .refine((i) => i.messageId !== undefined || i.hash !== undefined, 'give messageId (and index) or hash');

export function readAttachmentTool(reader: AttachmentReader): AgentTool {
  return defineTool({
    name: 'read_attachment',
    description:
      'Read the text of a file (text, Markdown, HTML or PDF) attached to a message of this conversation: give the messageId and the index of the file ' +
      `(as listed with the message), or its hash. Returns at most ${ATTACHMENT_CHARS} characters from offset (0 by default) and nextOffset to read on.`,
    group: 'knowledge',
    input,
    returnsData: true,
    resource: (ctx, i) => `room/${ctx.roomId}/files/${i.hash ?? `${i.messageId}/${i.index ?? 0}`}`,
    run: async (ctx, i) => {
      const ref = i.messageId !== undefined ? { messageId: i.messageId, index: i.index ?? 0 } : { hash: i.hash! };
      const read = await reader.read({ workspaceId: ctx.workspaceId, roomId: ctx.roomId, onBehalfOf: ctx.onBehalfOf }, ref);
      const total = read.text.length;
      const offset = i.offset ?? 0;
      if (offset > 0 && offset >= total) throw new ValidationError(`offset ${offset} is past the end: ${read.file.name} has ${total} characters of text`);
      const end = Math.min(total, offset + (i.maxChars ?? ATTACHMENT_CHARS));
      const nextOffset = end < total ? end : null;
      return {
        name: read.file.name,
        type: read.file.type,
        size: read.file.size,
        messageId: read.messageId,
        pages: read.pages,
        totalChars: total,
        offset,
        text: read.text.slice(offset, end),
        nextOffset,
        note:
          nextOffset === null
            ? `End of ${read.file.name}.`
            : `Characters ${offset} to ${end} of ${total}. Call read_attachment again with offset ${nextOffset} to read on.`,
      };
    },
  });
}
