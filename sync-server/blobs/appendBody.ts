/**
 * Writes the body of one upload request at the end of an unfinished blob
 * on the relay's disk (RelayBlobStore.ts, docs/files.md), or into the local
 * spool file of a chunk on its way to an S3 bucket (S3BlobStore.ts, which
 * turns the flushes off: the bucket keeps the bytes, the spool is dropped).
 *
 * Why this shape: the socket hands the body over in pieces of at most 64 KB,
 * and on the relay's disk a write per piece cost more CPU than hashing the
 * bytes. Pieces are gathered into writes of about 1 MB (one `writev`, no
 * copy). Each piece is hashed as it arrives, so the blob's SHA-256 is ready
 * when its last byte is written and the file is never read back to check it.
 * The file is flushed to disk when this request completes the blob
 * (`syncAtLimit`), before the relay acknowledges it; pieces before are not
 * awaited to disk one by one, since a crash that loses them only makes the
 * relay report a shorter length to resume from (and a blob whose bytes do
 * not hash to its name is never kept). But every 16 MB a `fdatasync` starts
 * in the background (at most one at a time, on libuv's pool), so the disk
 * writes while the socket still delivers and the last flush, which the
 * acknowledgement waits for, has only the tail left. A background flush that fails fails the request, since a later flush may
 * not report the same error again.
 *
 * A request cut short keeps every byte it delivered (they are at their
 * offset), so the upload resumes from the relay's length; a body longer
 * than `limit` is refused and none of its bytes kept.
 */
import fs from 'node:fs';
import type { Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { RelayError } from '../RelayError';

/** The SHA-256 of the first `bytes` bytes of an unfinished blob; `bytes` is -1 once it no longer matches the file. */
export interface RunningHash {
  hash: Hash;
  bytes: number;
}

/** Pieces are written once this many bytes are gathered. */
const WRITE_BYTES = 1024 * 1024;
/** A background flush to disk starts once this many bytes were written since the last one. */
const EARLY_SYNC_BYTES = 16 * 1024 * 1024;

/**
 * Appends at most `limit` bytes of `body` to `file` (flushed to disk when exactly `limit` came and `syncAtLimit`); more is refused and not kept.
 * `earlySync: false` leaves out the background flushes too (a spool file that is read once and deleted).
 */
export async function appendBody(file: string, body: Readable, limit: number, running: RunningHash | undefined, syncAtLimit: boolean, options: { earlySync?: boolean } = {}): Promise<void> {
  const earlySync = options.earlySync ?? true;
  const handle = await fs.promises.open(file, 'a', 0o600);
  const start = (await handle.stat()).size;
  /** Bytes of this request on disk; every byte hashed is on disk or in `pending`. */
  let written = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let consistent = true;
  let unsynced = 0;
  let syncing: Promise<void> | null = null;
  let syncError: unknown = null;
  const syncEarly = (): void => {
    if (!earlySync || syncing || unsynced < EARLY_SYNC_BYTES) return;
    unsynced = 0;
    syncing = handle
      .datasync()
      .catch((err: unknown) => {
        syncError ??= err;
      })
      .finally(() => {
        syncing = null;
      });
  };
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const batch = pending;
    const length = pendingBytes;
    pending = [];
    pendingBytes = 0;
    consistent = false;
    const { bytesWritten } = await handle.writev(batch);
    // A short write (a full disk): the bytes past it are not on disk.
    if (bytesWritten !== length) throw new Error(`The relay's disk took ${bytesWritten} of ${length} bytes of an upload.`);
    written += length;
    unsynced += length;
    consistent = true;
    syncEarly();
  };
  try {
    try {
      for await (const chunk of body) {
        const bytes = chunk as Buffer;
        if (written + pendingBytes + bytes.length > limit) {
          // Refused: none of this request is kept, and the running hash holds bytes that are not.
          written = 0;
          consistent = false;
          throw new RelayError('TOO_LARGE', `A request may hold at most ${limit} bytes here (the request limit, or what is left of the file).`);
        }
        running?.hash.update(bytes);
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= WRITE_BYTES) await flush();
      }
    } finally {
      // Cut short: what arrived is kept, at its offset.
      if (consistent) await flush();
    }
    if (syncing) await syncing;
    if (syncError) throw syncError;
    if (syncAtLimit && written === limit) await handle.sync();
  } catch (err) {
    await handle.truncate(start + written);
    throw err;
  } finally {
    if (syncing) await syncing;
    if (running) running.bytes = consistent ? running.bytes + written : -1;
    await handle.close();
  }
}
