/**
 * The relay's store of file blobs, on its own disk (docs/files.md):
 *
 * - `<dataDir>/blobs/<workspaceId>/data/<ab>/<hash>`: the bytes, once per
 *   workspace, named by their SHA-256 (checked before they are kept);
 * - `…/rooms/<roomId>/<hash>`: an empty marker per room a blob was uploaded
 *   to. A blob is served for a room only when it has that room's marker,
 *   and to someone who may read that room, so knowing a hash is never
 *   enough to fetch a private room's file;
 * - `…/partial/<uploader>.<hash>`: an upload in progress, per uploader (one
 *   person's half-upload is never completed by another). Each chunk is
 *   appended at the offset the client names, which must be what the relay
 *   holds (so a resumed upload neither skips nor repeats bytes); the blob
 *   is flushed to disk once, when complete, before it is acknowledged
 *   (appendBody.ts). One nothing was written to for a while is deleted
 *   by the sweep (`sweepPartial`, sweepPartialUploads.ts), unless this
 *   process is receiving it; another node sharing the folder writes to it
 *   at least every ~1 MB while it receives, so its modification time is
 *   never that old.
 *
 * Bytes kept per workspace (the `data` folder) are capped by the quota;
 * an upload that would pass it is refused before any byte is written.
 * Workspace, room and user ids are checked against strict patterns before
 * they reach a path.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ENTITY_ID_PATTERN, WORKSPACE_ID_PATTERN } from '../../src-main/common/ids';
import { HASH_PATTERN } from '../../src-main/common/contract/fileChannels';
import { RelayConflictError, RelayError, RelayValidationError } from '../RelayError';
import { appendBody } from './appendBody';

export interface UploadState {
  /** Bytes of this caller's upload the relay holds. */
  received: number;
  /** Whether the blob is kept for this room (nothing more to send). */
  complete: boolean;
}

export class RelayBlobStore {
  private readonly usage = new Map<string, number>();
  /** Partial files a request of this process is writing to. */
  private readonly busy = new Set<string>();
  /** The running SHA-256 of uploads in progress (by partial file), so the last chunk does not re-read the file. */
  private readonly hashing = new Map<string, { hash: Hash; bytes: number }>();

  constructor(
    private readonly root: string,
    private readonly quotaBytes: number,
  ) {}

  /** Where blob `hash` of `workspaceId` lives. */
  dataPath(workspaceId: string, hash: string): string {
    return path.join(this.workspaceDir(workspaceId), 'data', checkHash(hash).slice(0, 2), hash);
  }

  /** Whether blob `hash` was uploaded to room `roomId` (and is here). */
  inRoom(workspaceId: string, roomId: string, hash: string): boolean {
    return fs.existsSync(this.markerPath(workspaceId, roomId, hash)) && fs.existsSync(this.dataPath(workspaceId, hash));
  }

  /** Bytes kept for `workspaceId` (computed once from the disk, then kept up to date). */
  bytesUsed(workspaceId: string): number {
    let used = this.usage.get(workspaceId);
    if (used === undefined) {
      used = 0;
      const dir = path.join(this.workspaceDir(workspaceId), 'data');
      if (fs.existsSync(dir)) for (const sub of fs.readdirSync(dir)) for (const f of fs.readdirSync(path.join(dir, sub))) used += fs.statSync(path.join(dir, sub, f)).size;
      this.usage.set(workspaceId, used);
    }
    return used;
  }

  /**
   * Erasure (docs/erasure.md): deletes blob `hash` of `workspaceId`, its room markers and any
   * upload of it in progress; true when its bytes were here.
   */
  /** Deletes every blob, room marker and unfinished upload of `workspaceId` (the workspace was erased); returns the blobs deleted. */
  removeWorkspace(workspaceId: string): number {
    const dir = this.workspaceDir(workspaceId);
    const data = path.join(dir, 'data');
    let blobs = 0;
    if (fs.existsSync(data)) for (const shard of fs.readdirSync(data)) blobs += fs.readdirSync(path.join(data, shard)).length;
    fs.rmSync(dir, { recursive: true, force: true });
    this.usage.delete(workspaceId);
    return blobs;
  }

  remove(workspaceId: string, hash: string): boolean {
    const data = this.dataPath(workspaceId, hash);
    let size = 0;
    try {
      size = fs.statSync(data).size;
    } catch {
      size = -1;
    }
    if (size >= 0) {
      fs.rmSync(data, { force: true });
      const used = this.usage.get(workspaceId);
      if (used !== undefined) this.usage.set(workspaceId, Math.max(0, used - size));
    }
    const rooms = path.join(this.workspaceDir(workspaceId), 'rooms');
    if (fs.existsSync(rooms)) for (const room of fs.readdirSync(rooms)) fs.rmSync(path.join(rooms, room, hash), { force: true });
    const partial = path.join(this.workspaceDir(workspaceId), 'partial');
    if (fs.existsSync(partial)) for (const f of fs.readdirSync(partial)) if (f.endsWith(`.${hash}`)) fs.rmSync(path.join(partial, f), { force: true });
    return size >= 0;
  }

  state(workspaceId: string, roomId: string, userId: string, hash: string): UploadState {
    if (this.inRoom(workspaceId, roomId, hash)) return { received: 0, complete: true };
    const partial = this.partialPath(workspaceId, userId, hash);
    return { received: fs.existsSync(partial) ? fs.statSync(partial).size : 0, complete: false };
  }

  /**
   * Appends `body` (at most `maxChunk` bytes) to the caller's upload of `hash`, a file of `size`
   * bytes, at `offset`; once all bytes are in, checks the hash and keeps the blob for `roomId`.
   */
  async append(input: { workspaceId: string; roomId: string; userId: string; hash: string; offset: number; size: number; body: Readable; maxChunk: number }): Promise<UploadState> {
    const { workspaceId, roomId, userId, hash, offset, size } = input;
    if (this.inRoom(workspaceId, roomId, hash)) return { received: size, complete: true };
    const stored = fs.existsSync(this.dataPath(workspaceId, hash));
    const partial = this.partialPath(workspaceId, userId, hash);
    const held = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
    // Unfinished uploads count too (others' and this caller's other files): half-uploads cannot fill the relay's disk.
    if (!stored && this.bytesUsed(workspaceId) + this.partialBytes(workspaceId) - held + size > this.quotaBytes) {
      throw new RelayError(
        'TOO_LARGE',
        `This workspace's files would pass its quota of ${formatBytes(this.quotaBytes)} on the relay (${formatBytes(this.bytesUsed(workspaceId))} used): remove files or ask the relay's operator for more room.`,
      );
    }
    const lock = partial;
    if (this.busy.has(lock)) throw new RelayConflictError('This file is already being uploaded from another connection; try again in a moment.');
    this.busy.add(lock);
    try {
      fs.mkdirSync(path.dirname(partial), { recursive: true });
      if (offset !== held) throw new RelayConflictError(`The relay holds ${held} bytes of this upload, not ${offset}: resume from ${held}.`);
      // A running hash that does not match what is on disk (the relay restarted, a chunk was cut) is started over at the end.
      let running = this.hashing.get(partial);
      if (!running || running.bytes !== held) running = held === 0 ? { hash: createHash('sha256'), bytes: 0 } : undefined;
      if (running) this.hashing.set(partial, running);
      else this.hashing.delete(partial);
      await appendBody(partial, input.body, Math.min(input.maxChunk, size - held), running, size - held <= input.maxChunk);
      const received = fs.statSync(partial).size;
      if (received < size) return { received, complete: false };
      this.hashing.delete(partial);
      const actual = running && running.bytes === received ? running.hash.digest('hex') : await hashFile(partial);
      await this.keep(workspaceId, roomId, hash, partial, stored, actual);
      return { received, complete: true };
    } finally {
      this.busy.delete(lock);
    }
  }

  /** Deletes every unfinished upload last written before `before` (ms) that no request of this process is writing to. */
  sweepPartial(before: number): { uploads: number; bytes: number } {
    let uploads = 0;
    let bytes = 0;
    let workspaces: string[];
    try {
      workspaces = fs.readdirSync(this.root);
    } catch {
      return { uploads, bytes };
    }
    for (const workspaceId of workspaces) {
      if (!WORKSPACE_ID_PATTERN.test(workspaceId)) continue;
      const dir = path.join(this.root, workspaceId, 'partial');
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        if (this.busy.has(file)) continue;
        let stat: fs.Stats;
        try {
          stat = fs.statSync(file);
        } catch {
          continue;
        }
        if (!stat.isFile() || stat.mtimeMs >= before) continue;
        fs.rmSync(file, { force: true });
        this.hashing.delete(file);
        uploads += 1;
        bytes += stat.size;
      }
    }
    return { uploads, bytes };
  }

  private async keep(workspaceId: string, roomId: string, hash: string, partial: string, stored: boolean, actual: string): Promise<void> {
    if (actual !== hash) {
      fs.rmSync(partial, { force: true });
      throw new RelayValidationError('The uploaded bytes do not match their SHA-256; the upload was dropped: send the file again.');
    }
    const target = this.dataPath(workspaceId, hash);
    if (stored) fs.rmSync(partial, { force: true });
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(partial, target);
      fsyncDir(path.dirname(target));
      this.usage.set(workspaceId, this.bytesUsed(workspaceId) + fs.statSync(target).size);
    }
    const marker = this.markerPath(workspaceId, roomId, hash);
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.closeSync(fs.openSync(marker, 'w'));
    fsyncDir(path.dirname(marker));
  }

  /** Bytes of the workspace's unfinished uploads. */
  private partialBytes(workspaceId: string): number {
    const dir = path.join(this.workspaceDir(workspaceId), 'partial');
    if (!fs.existsSync(dir)) return 0;
    let total = 0;
    for (const f of fs.readdirSync(dir)) total += fs.statSync(path.join(dir, f)).size;
    return total;
  }

  private workspaceDir(workspaceId: string): string {
    if (!WORKSPACE_ID_PATTERN.test(workspaceId)) throw new RelayValidationError('Invalid workspace id.');
    return path.join(this.root, workspaceId);
  }

  private markerPath(workspaceId: string, roomId: string, hash: string): string {
    if (!ENTITY_ID_PATTERN.test(roomId)) throw new RelayValidationError('Invalid room id.');
    return path.join(this.workspaceDir(workspaceId), 'rooms', roomId, checkHash(hash));
  }

  private partialPath(workspaceId: string, userId: string, hash: string): string {
    // The user id is hashed: whatever characters it holds, it never shapes the path.
    const who = createHash('sha256').update(userId).digest('hex').slice(0, 32);
    return path.join(this.workspaceDir(workspaceId), 'partial', `${who}.${checkHash(hash)}`);
  }
}

function checkHash(hash: string): string {
  if (!HASH_PATTERN.test(hash)) throw new RelayValidationError('A file hash is 64 lowercase hex digits (SHA-256).');
  return hash;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Not possible on every platform; the rename is journalled there.
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n} bytes`;
}
