/**
 * What the blob routes and the eraser ask of where files are kept, so the
 * relay picks one store at start (openBlobStore.ts): its own disk
 * (RelayBlobStore.ts, the default) or an S3-compatible bucket
 * (S3BlobStore.ts). Both keep the same rules: a blob is named by its
 * SHA-256 and kept only once its bytes match it; it is served for a room
 * only once uploaded to that room; an upload resumes at the byte the store
 * holds, per uploader; bytes per workspace are capped by the quota. Each
 * answer may be immediate (disk) or a promise (S3): callers await it.
 */
import type { Readable } from 'node:stream';

export interface UploadState {
  /** Bytes of this caller's upload the relay holds. */
  received: number;
  /** Whether the blob is kept for this room (nothing more to send). */
  complete: boolean;
}

/** One chunk of an upload: `body` holds the bytes of `hash` (a file of `size` bytes) from `offset`, at most `maxChunk`. */
export interface BlobAppendInput {
  workspaceId: string;
  roomId: string;
  userId: string;
  hash: string;
  offset: number;
  size: number;
  body: Readable;
  maxChunk: number;
}

export interface BlobStore {
  /** `disk` or `s3`, for the start-up log. */
  readonly kind: 'disk' | 's3';
  /** Whether blob `hash` was uploaded to room `roomId` (and is here). */
  inRoom(workspaceId: string, roomId: string, hash: string): boolean | Promise<boolean>;
  /** Bytes of the blobs kept for `workspaceId`. */
  bytesUsed(workspaceId: string): number | Promise<number>;
  /** Where the caller's upload of `hash` for `roomId` stands. */
  state(workspaceId: string, roomId: string, userId: string, hash: string): UploadState | Promise<UploadState>;
  /** Adds one chunk; once every byte is in, checks the hash and keeps the blob for the room. */
  append(input: BlobAppendInput): Promise<UploadState>;
  /** Size of kept blob `hash` (the caller checked `inRoom`). */
  blobSize(workspaceId: string, hash: string): number | Promise<number>;
  /** The bytes of kept blob `hash` from `start`. */
  openBlob(workspaceId: string, hash: string, start: number): Readable | Promise<Readable>;
  /** Erasure: deletes blob `hash`, its room marks and uploads of it in progress; true when its bytes were here. */
  remove(workspaceId: string, hash: string): boolean | Promise<boolean>;
  /** Deletes every blob, mark and unfinished upload of `workspaceId`; returns the blobs deleted. */
  removeWorkspace(workspaceId: string): number | Promise<number>;
  /**
   * Deletes the unfinished uploads nothing was written to since `before` (ms since the epoch), with
   * what they held of the quota, except one being received now (sweepPartialUploads.ts).
   */
  sweepPartial(before: number): Promise<{ uploads: number; bytes: number }>;
  /** Null when the storage answers, else what does not (readiness). */
  problem(): Promise<string | null>;
  close(): Promise<void>;
}
