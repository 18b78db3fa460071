/**
 * The text of a file attached to a message, for a digital human
 * (read_attachment, docs/files.md). A file is found only through a message
 * of the room the DH answers in: never a blob by its hash alone, so a turn
 * in one room (or workspace) cannot read another's files. The room must be
 * one the local person may see and, when it is private, one the person the
 * DH acts for is in; a file from a message of a member who declined that
 * digital humans read what they write is refused (docs/consents.md). The
 * text comes from the knowledge extractors, a PDF read on a worker thread,
 * and the last few texts are kept so reading a long file page by page does
 * not parse it again each time.
 */
import { NotFoundError, ValidationError } from '../../common/AppError';
import { detectKnowledgeMime, extractDocument } from '../../domain/knowledge/extractDocument';
import { extractPdfOffThread } from '../../domain/knowledge/extractPdfOffThread';
import type { ExtractedDocument } from '../../domain/knowledge/TextBlock';
import type { RoomsContext } from '../../domain/rooms/RoomsContext';
import type { FileRef } from '../../storage/files/fileRefFormat';
import { readMessageRecord, roomDocName } from '../../storage/rooms/roomDocFormat';
import type { ConsentPort } from './AgentPorts';

export interface AttachmentReaderDeps {
  rooms: RoomsContext;
  /** The bytes of blob `hash` of a workspace on this device (null: not here yet). */
  readBlob: (workspaceId: string, hash: string) => Buffer | null;
  consents?: ConsentPort | null;
}

/** Where a DH reads from: its turn's workspace and room, and whom it acts for. */
export interface AttachmentScope {
  workspaceId: string;
  roomId: string;
  onBehalfOf: string | null;
}

/** Which file: a message of the room and the file's place in it, or its hash (some message of the room must name it). */
export type AttachmentRef = { messageId: string; index: number } | { hash: string };

export interface AttachmentText {
  file: FileRef;
  messageId: string;
  /** The file's text: headings as `#`, paragraphs apart, `[page N]` where a PDF's page starts. */
  text: string;
  pages: number | null;
}

/** Texts kept, most recent last; a longer text is not kept (a 500-page PDF is about 1.5 million characters). */
const KEPT = 4;
const KEPT_MAX_CHARS = 4_000_000;

const READABLE = 'Markdown, text, HTML or PDF';

export class AttachmentReader {
  private readonly kept = new Map<string, { text: string; pages: number | null }>();

  constructor(private readonly deps: AttachmentReaderDeps) {}

  /** The text of the file `ref` of a message of `scope`'s room; NotFoundError or ValidationError saying why not. */
  async read(scope: AttachmentScope, ref: AttachmentRef): Promise<AttachmentText> {
    const { messageId, file } = this.find(scope, ref);
    const key = `${scope.workspaceId} ${file.hash}`;
    let extracted = this.kept.get(key);
    if (!extracted) {
      const bytes = this.deps.readBlob(scope.workspaceId, file.hash);
      if (!bytes) throw new NotFoundError(`${file.name} is not on this device yet: it downloads from the relay when it is reachable`);
      try {
        detectKnowledgeMime(file.name, file.type, bytes);
      } catch (err) {
        if (err instanceof ValidationError && /cannot be imported|office document/.test(err.message)) {
          throw new ValidationError(`${file.name} (${file.type}) cannot be read as text: only ${READABLE} files can`);
        }
        throw err;
      }
      const { document } = await extractDocument(file.name, file.type, bytes, extractPdfOffThread);
      extracted = { text: documentText(document), pages: document.pages };
    }
    this.kept.delete(key);
    if (extracted.text.length <= KEPT_MAX_CHARS) this.kept.set(key, extracted);
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    return { file, messageId, ...extracted };
  }

  private find(scope: AttachmentScope, ref: AttachmentRef): { messageId: string; file: FileRef } {
    const ws = this.deps.rooms.workspace(scope.workspaceId);
    const room = ws.rooms.getRoom(scope.roomId);
    const hidden = !room || !this.deps.rooms.canSee(ws, room) || (room.private && scope.onBehalfOf !== null && !room.members.includes(scope.onBehalfOf) && !this.deps.rooms.isMe(ws, scope.onBehalfOf));
    if (hidden) throw new NotFoundError('No such room in this workspace');
    const declined = this.deps.consents?.declined(scope.workspaceId) ?? new Set<string>();
    const messages = ws.handle.docs.doc(roomDocName(scope.roomId)).getMap('messages');
    const fileOf = (id: string, pick: (files: readonly FileRef[]) => FileRef | undefined): { messageId: string; file: FileRef } | null => {
      const record = readMessageRecord(id, messages.get(id));
      const file = record && !record.deleted ? pick(record.files ?? []) : undefined;
      if (!record || !file) return null;
      if (declined.has(record.authorId)) throw new ValidationError(`${file.name} was posted by a member who declined that digital humans read what they write`);
      return { messageId: id, file };
    };
    if ('messageId' in ref) {
      const found = fileOf(ref.messageId, (files) => files[ref.index]);
      if (!found) throw new NotFoundError(`No file ${ref.index} on message ${ref.messageId} in this conversation`);
      return found;
    }
    let latest: { messageId: string; file: FileRef; at: number } | null = null;
    for (const [id, value] of messages.entries()) {
      const record = readMessageRecord(id, value);
      if (!record || record.deleted || (latest && record.createdAt < latest.at) || !record.files?.some((f) => f.hash === ref.hash)) continue;
      latest = { messageId: id, file: record.files.find((f) => f.hash === ref.hash)!, at: record.createdAt };
    }
    if (!latest) throw new NotFoundError('No message of this conversation has that file');
    return fileOf(latest.messageId, (files) => files.find((f) => f.hash === ref.hash))!;
  }
}

/** A document's blocks as one text. */
export function documentText(document: ExtractedDocument): string {
  const parts: string[] = [];
  let page: number | null = null;
  for (const block of document.blocks) {
    if (document.pages !== null && block.page !== null && block.page !== page) {
      page = block.page;
      parts.push(`[page ${page}]`);
    }
    parts.push(block.kind === 'heading' ? `${'#'.repeat(Math.min(6, block.level))} ${block.text}` : block.text);
  }
  return parts.join('\n\n');
}
