/**
 * Files attached to messages (docs/files.md). The bytes become a
 * content-addressed blob of the workspace (storage/files/BlobStore.ts, on
 * disk in the workspace's folder); a message names its files by hash in the
 * room doc (`messages[id].files`, storage/rooms/roomDocFormat.ts). Image
 * previews are made here, in the core (makeThumbnail.ts), and kept beside the
 * blobs. Every read goes through the rooms' visibility rule: a file is
 * readable when a message of a room the person may see names it, or when
 * they attached it on this device and have not posted it yet.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Y from 'yjs';
import { NotFoundError, ValidationError } from '../../common/AppError';
import type { AttachedFile, Message } from '../../common/contract';
import { BlobStore } from '../../storage/files/BlobStore';
import { MAX_FILE_BYTES, type FileRef } from '../../storage/files/fileRefFormat';
import { writeFileAtomic } from '../../storage/files/writeFileAtomic';
import { readMessageRecord, roomDocName } from '../../storage/rooms/roomDocFormat';
import { workspaceDir } from '../../storage/workspacePaths';
import type { MessageService } from '../rooms/MessageService';
import type { RoomsContext, RoomsWorkspace } from '../rooms/RoomsContext';
import { makeThumbnail } from './makeThumbnail';

export interface FileServiceDeps {
  rooms: RoomsContext;
  messages: MessageService;
  dataDir: string;
}

export interface ThumbnailOut {
  data: string;
  width: number;
  height: number;
}

export class FileService {
  /** Files attached on this device and not posted yet: `<workspaceId> <hash>` → reference. */
  private readonly attached = new Map<string, FileRef>();
  /** Called after a message naming files is written (the transfer queues their upload). */
  onPosted: (workspaceId: string, roomId: string, files: readonly FileRef[]) => void = () => undefined;

  constructor(private readonly deps: FileServiceDeps) {}

  /** The blob store of `workspaceId`. */
  blobs(workspaceId: string): BlobStore {
    return new BlobStore(path.join(workspaceDir(this.deps.dataDir, workspaceId), 'files', 'blobs'));
  }

  /** Stores `bytes` as a blob (once) and makes an image's preview. */
  async attach(workspaceId: string, name: string, type: string, bytes: Buffer): Promise<AttachedFile> {
    this.deps.rooms.workspace(workspaceId);
    if (bytes.length > MAX_FILE_BYTES) throw new ValidationError(`${name} is ${formatMb(bytes.length)}; a file is at most ${formatMb(MAX_FILE_BYTES)}: share a link to larger ones`);
    const hash = this.blobs(workspaceId).put(bytes);
    const ref: FileRef = { hash, name, size: bytes.length, type };
    this.attached.set(`${workspaceId} ${hash}`, ref);
    const thumbnail = (await this.makeThumbnail(workspaceId, ref, bytes)) !== null;
    return { ...ref, local: true, thumbnail };
  }

  /** Posts a message naming files attached before; without text, it reads as their names. */
  post(workspaceId: string, roomId: string, text: string | undefined, threadRootId: string | undefined, hashes: readonly string[]): Message {
    const ws = this.deps.rooms.workspace(workspaceId);
    this.deps.rooms.room(ws, roomId);
    const store = this.blobs(workspaceId);
    const files = [...new Set(hashes)].map((hash) => {
      const ref = this.attached.get(`${workspaceId} ${hash}`) ?? this.known(ws, hash);
      if (!ref || !store.has(hash)) throw new ValidationError(`File ${hash.slice(0, 12)}… is not attached on this device: attach it first`);
      return ref;
    });
    const body = text !== undefined && text.trim().length > 0 ? text : files.map((f) => f.name).join(', ');
    const message = this.deps.messages.post(workspaceId, roomId, body, threadRootId, files);
    for (const f of files) this.attached.delete(`${workspaceId} ${f.hash}`);
    this.onPosted(workspaceId, roomId, files);
    return this.deps.messages.get(workspaceId, roomId, message.id);
  }

  /** The files of the messages of `roomId`, by message, in the order of the doc. */
  list(workspaceId: string, roomId: string): { messageId: string; files: AttachedFile[] }[] {
    const ws = this.deps.rooms.workspace(workspaceId);
    this.deps.rooms.room(ws, roomId);
    const store = this.blobs(workspaceId);
    const out: { messageId: string; files: AttachedFile[] }[] = [];
    for (const [id, value] of ws.handle.docs.doc(roomDocName(roomId)).getMap('messages').entries()) {
      const files = readMessageRecord(id, value)?.files ?? [];
      if (files.length === 0) continue;
      out.push({ messageId: id, files: files.map((f) => ({ ...f, local: store.has(f.hash), thumbnail: fs.existsSync(this.thumbPath(workspaceId, f.hash)) })) });
    }
    return out;
  }

  /** Every file named by a message of a room the local person may see, each hash once, with a room that names it. */
  visibleFileRooms(workspaceId: string): { roomId: string; file: FileRef }[] {
    const ws = this.deps.rooms.workspace(workspaceId);
    const byHash = new Map<string, { roomId: string; file: FileRef }>();
    for (const room of this.deps.rooms.visibleRooms(ws)) {
      for (const [id, value] of ws.handle.docs.doc(roomDocName(room.id)).getMap('messages').entries()) {
        for (const file of readMessageRecord(id, value)?.files ?? []) if (!byHash.has(file.hash)) byHash.set(file.hash, { roomId: room.id, file });
      }
    }
    return [...byHash.values()];
  }

  /** The `messages` map of `roomId`'s doc when the local person may see the room, else null. */
  roomMessages(workspaceId: string, roomId: string): Y.Map<unknown> | null {
    const ws = this.deps.rooms.workspace(workspaceId);
    const room = ws.rooms.getRoom(roomId);
    if (!room || !this.deps.rooms.canSee(ws, room)) return null;
    return ws.handle.docs.doc(roomDocName(roomId)).getMap('messages');
  }

  /** The reference of `hash` if the local person may read it (see the header); NotFoundError otherwise. */
  file(workspaceId: string, hash: string): FileRef {
    const ws = this.deps.rooms.workspace(workspaceId);
    const ref = this.attached.get(`${workspaceId} ${hash}`) ?? this.known(ws, hash);
    if (!ref) throw new NotFoundError('No such file in a room you can see in this workspace');
    return ref;
  }

  /** The bytes of a readable file. */
  read(workspaceId: string, hash: string): { file: FileRef; bytes: Buffer } {
    const file = this.file(workspaceId, hash);
    const bytes = this.blobs(workspaceId).read(hash);
    if (!bytes) throw new NotFoundError(`${file.name} is not on this device yet: it downloads from the relay when it is reachable`);
    return { file, bytes };
  }

  /** The preview of a readable image, made on first ask; null when it has none. */
  async thumbnail(workspaceId: string, hash: string): Promise<ThumbnailOut | null> {
    const file = this.file(workspaceId, hash);
    const thumb = this.thumbPath(workspaceId, hash);
    if (!fs.existsSync(thumb)) {
      const bytes = this.blobs(workspaceId).read(hash);
      if (!bytes || (await this.makeThumbnail(workspaceId, file, bytes)) === null) return null;
    }
    const png = fs.readFileSync(thumb);
    // A PNG's IHDR: width at byte 16, height at byte 20.
    return { data: png.toString('base64'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  }

  private known(ws: RoomsWorkspace, hash: string): FileRef | null {
    return this.visibleFileRooms(ws.id).find((f) => f.file.hash === hash)?.file ?? null;
  }

  private thumbPath(workspaceId: string, hash: string): string {
    return path.join(workspaceDir(this.deps.dataDir, workspaceId), 'files', 'thumbs', `${hash}.png`);
  }

  private async makeThumbnail(workspaceId: string, ref: FileRef, bytes: Buffer): Promise<Buffer | null> {
    const thumb = await makeThumbnail(bytes, ref.type);
    if (thumb) writeFileAtomic(this.thumbPath(workspaceId, ref.hash), thumb.png);
    return thumb?.png ?? null;
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
