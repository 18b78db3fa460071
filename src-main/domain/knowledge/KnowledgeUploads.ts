/**
 * Files sent in parts (`knowledge.uploadPart`), held in memory until
 * `knowledge.import` takes them by id. Parts come in order; an upload is
 * at most 20 MB, all uploads together at most MAX_TOTAL_BYTES, and one
 * left unused for UPLOAD_TTL_MS is dropped. Nothing touches the disk.
 */
import { ValidationError } from '../../common/AppError';
import { KNOWLEDGE_FILE_MAX_BYTES } from '../../common/contract/knowledgeChannels';

/** An upload left unused this long is dropped. */
const UPLOAD_TTL_MS = 10 * 60_000;
/** Bytes held for every upload together. */
const MAX_TOTAL_BYTES = 3 * KNOWLEDGE_FILE_MAX_BYTES;

interface Upload {
  parts: Buffer[];
  size: number;
  touchedAt: number;
}

export class KnowledgeUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number) {}

  /** Appends a part at `offset` (the bytes received so far). Returns the bytes received. */
  append(workspaceId: string, uploadId: string, offset: number, data: Buffer): number {
    this.expire();
    const key = `${workspaceId}/${uploadId}`;
    let upload = this.uploads.get(key);
    if (!upload && offset === 0) this.uploads.set(key, (upload = { parts: [], size: 0, touchedAt: this.now() }));
    if (!upload || offset !== upload.size) throw new ValidationError(`Upload ${uploadId}: expected the part at byte ${upload?.size ?? 0}; start the import again`);
    if (upload.size + data.length > KNOWLEDGE_FILE_MAX_BYTES) {
      this.uploads.delete(key);
      throw new ValidationError('A file is at most 20 MB');
    }
    if (this.total() + data.length > MAX_TOTAL_BYTES) throw new ValidationError('Too many files are being sent at once: wait for the others to finish');
    upload.parts.push(data);
    upload.size += data.length;
    upload.touchedAt = this.now();
    return upload.size;
  }

  /** The whole file of upload `uploadId`, which is then forgotten. */
  take(workspaceId: string, uploadId: string): Buffer {
    this.expire();
    const key = `${workspaceId}/${uploadId}`;
    const upload = this.uploads.get(key);
    if (!upload) throw new ValidationError(`No upload ${uploadId}: send its parts first (an upload is kept 10 minutes)`);
    this.uploads.delete(key);
    return Buffer.concat(upload.parts, upload.size);
  }

  private total(): number {
    let n = 0;
    for (const u of this.uploads.values()) n += u.size;
    return n;
  }

  private expire(): void {
    const limit = this.now() - UPLOAD_TTL_MS;
    for (const [key, u] of this.uploads) if (u.touchedAt < limit) this.uploads.delete(key);
  }
}
