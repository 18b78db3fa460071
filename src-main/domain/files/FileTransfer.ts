/**
 * Moves file blobs between this device and the workspace's relay
 * (docs/files.md). A posted file is queued for upload in
 * `<workspace>/files/uploads.json` (written atomically, so a file attached
 * offline or before a crash still goes up once the relay is reachable); a
 * message naming a file this device lacks queues its download. Uploads go
 * from where the relay says it stands, streamed from the disk
 * (uploadBlobFile.ts), downloads resume from the
 * bytes already on disk, and a downloaded file is kept only when its bytes
 * hash to the name the message gave (BlobStore.adopt). Failures wait and
 * retry; a quota refusal is reported once and not retried by itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../common/Logger';
import type { FileRef } from '../../storage/files/fileRefFormat';
import { writeFileAtomic } from '../../storage/files/writeFileAtomic';
import { readMessageRecord } from '../../storage/rooms/roomDocFormat';
import { HASH_PATTERN } from '../../common/contract/fileChannels';
import type { RelayBlobApi } from '../../sync/RelayBlobApi';
import type { FileService } from './FileService';
import { uploadBlobFile } from './uploadBlobFile';

interface Upload {
  roomId: string;
  hash: string;
  size: number;
}

export interface FileTransferDeps {
  files: FileService;
  /** The blob API of the workspace's relay, or null when it is not linked (or this device is signed out). */
  relay(workspaceId: string): Promise<RelayBlobApi | null>;
  /** Files of `roomId` arrived on this device. */
  arrived(workspaceId: string, roomId: string, hashes: string[]): void;
  /** Bytes of a file moved so far (throttled: a few times a second, and once when done). */
  progress(workspaceId: string, hash: string, direction: 'up' | 'down', bytes: number, total: number): void;
  /** A transfer failed for a reason retrying will not fix (a quota). */
  failed(workspaceId: string, hash: string, message: string): void;
  log: Logger;
  retryMs?: number;
}

export class FileTransfer {
  private readonly wanted = new Map<string, Map<string, string>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly refused = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: FileTransferDeps) {}

  /** Queues the upload of `files`, posted in `roomId`. */
  posted(workspaceId: string, roomId: string, files: readonly FileRef[]): void {
    const uploads = this.uploads(workspaceId);
    for (const f of files) if (!uploads.some((u) => u.hash === f.hash && u.roomId === roomId)) uploads.push({ roomId, hash: f.hash, size: f.size });
    this.saveUploads(workspaceId, uploads);
    this.kick(workspaceId);
  }

  /** Messages of `roomId` changed: queues the files they name that are not here. */
  messagesChanged(workspaceId: string, roomId: string, messageIds: readonly string[]): void {
    const doc = this.deps.files.roomMessages(workspaceId, roomId);
    if (!doc) return;
    const blobs = this.deps.files.blobs(workspaceId);
    let added = false;
    for (const id of messageIds) {
      for (const f of readMessageRecord(id, doc.get(id))?.files ?? []) {
        if (blobs.has(f.hash)) continue;
        this.want(workspaceId).set(f.hash, roomId);
        added = true;
      }
    }
    if (added) this.kick(workspaceId);
  }

  /** Queues every missing file of the rooms this person may see, and every pending upload. */
  scan(workspaceId: string): void {
    const blobs = this.deps.files.blobs(workspaceId);
    for (const { roomId, file } of this.deps.files.visibleFileRooms(workspaceId)) if (!blobs.has(file.hash)) this.want(workspaceId).set(file.hash, roomId);
    this.kick(workspaceId);
  }

  /** Runs a transfer pass of `workspaceId` (once at a time; asked again while running, it runs once more after). */
  kick(workspaceId: string): void {
    if (this.closed) return;
    if (this.running.has(workspaceId)) {
      this.again.add(workspaceId);
      return;
    }
    const run = this.pass(workspaceId)
      .catch((err: unknown) => {
        this.deps.log('info', 'files.transfer_deferred', { workspaceId, err });
        this.retryLater();
      })
      .finally(() => {
        this.running.delete(workspaceId);
        if (this.again.delete(workspaceId)) this.kick(workspaceId);
      });
    this.running.set(workspaceId, run);
  }

  /** Resolves when no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async pass(workspaceId: string): Promise<void> {
    const uploads = this.uploads(workspaceId);
    const wanted = this.want(workspaceId);
    if (uploads.length === 0 && wanted.size === 0) return;
    const relay = await this.deps.relay(workspaceId);
    // Not linked, or signed out: look again later (the workspace may be linked meanwhile).
    if (!relay) return this.retryLater();
    for (const upload of [...uploads]) {
      if (this.refused.has(`${workspaceId} ${upload.hash}`)) continue;
      try {
        await this.upload(relay, workspaceId, upload);
      } catch (err) {
        if ((err as { code?: string }).code !== 'QUOTA_EXCEEDED') throw err;
        this.refused.add(`${workspaceId} ${upload.hash}`);
        this.deps.failed(workspaceId, upload.hash, (err as Error).message);
        continue;
      }
      this.saveUploads(workspaceId, this.uploads(workspaceId).filter((u) => !(u.hash === upload.hash && u.roomId === upload.roomId)));
    }
    for (const [hash, roomId] of [...wanted]) {
      await this.download(relay, workspaceId, roomId, hash);
      wanted.delete(hash);
      this.deps.arrived(workspaceId, roomId, [hash]);
    }
  }

  private async upload(relay: RelayBlobApi, workspaceId: string, upload: Upload): Promise<void> {
    const file = this.deps.files.blobs(workspaceId).pathOf(upload.hash);
    let last = 0;
    await uploadBlobFile(relay, { workspaceId, roomId: upload.roomId, hash: upload.hash, file, size: upload.size }, (sent) => {
      if (sent < upload.size && Date.now() - last < 250) return;
      last = Date.now();
      this.deps.progress(workspaceId, upload.hash, 'up', sent, upload.size);
    });
  }

  private async download(relay: RelayBlobApi, workspaceId: string, roomId: string, hash: string): Promise<void> {
    const blobs = this.deps.files.blobs(workspaceId);
    if (blobs.has(hash)) return;
    // A stable name: a download cut short resumes from what this file holds.
    const temp = path.join(blobs.tempDir(), `${hash}.part`);
    const total = this.deps.files.visibleFileRooms(workspaceId).find((f) => f.file.hash === hash)?.file.size ?? 0;
    let last = 0;
    await relay.download(workspaceId, roomId, hash, temp, (held) => {
      if (Date.now() - last < 250) return;
      last = Date.now();
      this.deps.progress(workspaceId, hash, 'down', held, total);
    });
    this.deps.progress(workspaceId, hash, 'down', total, total);
    const handle = fs.openSync(temp, 'r');
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    await blobs.adopt(temp, hash);
  }

  private want(workspaceId: string): Map<string, string> {
    let wanted = this.wanted.get(workspaceId);
    if (!wanted) this.wanted.set(workspaceId, (wanted = new Map()));
    return wanted;
  }

  private retryLater(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const pending = new Set([...this.wanted].filter(([, w]) => w.size > 0).map(([id]) => id));
      for (const id of this.queuedWorkspaces) pending.add(id);
      for (const id of pending) this.kick(id);
    }, this.deps.retryMs ?? 5_000);
    this.timer.unref();
  }

  /** Workspaces with uploads queued in this run of the app. */
  private readonly queuedWorkspaces = new Set<string>();

  private uploadsFile(workspaceId: string): string {
    return path.join(path.dirname(this.deps.files.blobs(workspaceId).dir), 'uploads.json');
  }

  private uploads(workspaceId: string): Upload[] {
    try {
      const raw = JSON.parse(fs.readFileSync(this.uploadsFile(workspaceId), 'utf8')) as unknown;
      if (!Array.isArray(raw)) return [];
      return raw.filter(
        (u): u is Upload =>
          typeof u === 'object' && u !== null && typeof u.roomId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(u.roomId) && typeof u.hash === 'string' && HASH_PATTERN.test(u.hash) && Number.isSafeInteger(u.size) && u.size >= 0,
      );
    } catch {
      return [];
    }
  }

  private saveUploads(workspaceId: string, uploads: Upload[]): void {
    if (uploads.length > 0) this.queuedWorkspaces.add(workspaceId);
    else this.queuedWorkspaces.delete(workspaceId);
    writeFileAtomic(this.uploadsFile(workspaceId), Buffer.from(JSON.stringify(uploads)));
  }

  /** Workspaces to look at when the app starts: the caller passes those linked to a relay. */
  resume(workspaceIds: readonly string[]): void {
    for (const id of workspaceIds) {
      if (this.uploads(id).length > 0) this.queuedWorkspaces.add(id);
      try {
        this.scan(id);
      } catch (err) {
        this.deps.log('warn', 'files.scan_failed', { workspaceId: id, err });
      }
    }
  }
}
