/**
 * Uploads of workspace exports from a window that has no file path to give
 * (the browser host): the bytes come in pieces, in order, into a file of the
 * core's own folder (`<dataDir>/imports/<uploadId>.zip.partial`), then the
 * archive service imports that file and it is deleted whatever happened.
 * So no window ever names a path the core reads, and an upload never holds
 * more than one piece in memory.
 *
 * Checks: the size is announced first and capped; each piece must start
 * where the last one ended and may not pass the announced size; at most a
 * few uploads at once; an upload left alone for ten minutes is dropped;
 * leftovers of a core that stopped mid-upload are deleted at start.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../common/AppError';
import type { ImportResult } from './WorkspaceArchiveService';

export interface ImportUploadDeps {
  dataDir: string;
  /** Imports the complete file; `shownAs` names it in error messages instead of the core's own path. */
  importFile(file: string, shownAs: string): Promise<ImportResult>;
  now: () => number;
  /** Largest piece one call carries (bytes). */
  chunkBytes: number;
  /** Largest upload (bytes). */
  maxBytes: number;
}

interface Upload {
  name: string;
  size: number;
  received: number;
  file: string;
  fd: number;
  touchedAt: number;
  finishing: boolean;
}

const MAX_UPLOADS = 4;
const IDLE_MS = 10 * 60 * 1000;

export class ImportUploadService {
  private readonly uploads = new Map<string, Upload>();
  private readonly dir: string;

  constructor(private readonly deps: ImportUploadDeps) {
    this.dir = path.join(deps.dataDir, 'imports');
    // Uploads never outlive the core that received them.
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  begin(name: string, size: number): { uploadId: string; chunkBytes: number } {
    this.dropIdle();
    if (size > this.deps.maxBytes) throw new ValidationError(`${name} is larger than an export may be (${this.deps.maxBytes} bytes)`);
    if (this.uploads.size >= MAX_UPLOADS) throw new ConflictError('Other imports are still uploading: wait for them to end, then try again');
    fs.mkdirSync(this.dir, { recursive: true });
    const uploadId = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `${uploadId}.zip.partial`);
    const fd = fs.openSync(file, 'wx', 0o600);
    this.uploads.set(uploadId, { name, size, received: 0, file, fd, touchedAt: this.deps.now(), finishing: false });
    return { uploadId, chunkBytes: this.deps.chunkBytes };
  }

  /** Appends a piece at `offset` (which must be where the upload stands); returns the bytes held. */
  chunk(uploadId: string, offset: number, base64: string): { received: number } {
    const upload = this.get(uploadId);
    if (offset !== upload.received) throw new ConflictError(`This piece starts at byte ${offset}, but the upload holds ${upload.received} bytes: send from there`);
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.byteLength === 0 || bytes.byteLength > this.deps.chunkBytes) throw new ValidationError(`A piece is 1 to ${this.deps.chunkBytes} bytes`);
    if (upload.received + bytes.byteLength > upload.size) {
      this.drop(uploadId);
      throw new ValidationError(`${upload.name} is longer than the ${upload.size} bytes announced: the upload was dropped`);
    }
    let written = 0;
    while (written < bytes.byteLength) written += fs.writeSync(upload.fd, bytes, written, bytes.byteLength - written);
    upload.received += bytes.byteLength;
    upload.touchedAt = this.deps.now();
    return { received: upload.received };
  }

  /** Imports a complete upload as a new workspace, then deletes the uploaded file. */
  async finish(uploadId: string): Promise<ImportResult> {
    const upload = this.get(uploadId);
    if (upload.received !== upload.size) throw new ConflictError(`${upload.name} is not fully uploaded yet (${upload.received} of ${upload.size} bytes)`);
    upload.finishing = true;
    fs.fsyncSync(upload.fd);
    fs.closeSync(upload.fd);
    upload.fd = -1;
    try {
      return await this.deps.importFile(upload.file, upload.name);
    } catch (err) {
      // The archive service names the file it read: the person knows it by their own name for it.
      if (err instanceof AppError && err.message.includes(upload.file)) throw new ValidationError(err.message.split(upload.file).join(upload.name));
      throw err;
    } finally {
      this.drop(uploadId);
    }
  }

  cancel(uploadId: string): { uploadId: string } {
    const upload = this.uploads.get(uploadId);
    if (upload && !upload.finishing) this.drop(uploadId);
    return { uploadId };
  }

  /** Drops every upload (the core is closing). */
  close(): void {
    for (const id of [...this.uploads.keys()]) this.drop(id);
  }

  private get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.finishing) throw new NotFoundError('That upload is unknown or already finished: choose the file again');
    return upload;
  }

  private drop(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    if (upload.fd >= 0) fs.closeSync(upload.fd);
    fs.rmSync(upload.file, { force: true });
  }

  private dropIdle(): void {
    const now = this.deps.now();
    for (const [id, upload] of this.uploads) if (!upload.finishing && now - upload.touchedAt > IDLE_MS) this.drop(id);
  }
}
