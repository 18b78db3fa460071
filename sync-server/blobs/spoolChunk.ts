/**
 * The local spool of one chunk an S3 blob store receives (S3BlobStore.ts):
 * S3 must know an object's length before its first byte, so a chunk waits
 * in a local file until it is all in, then goes to the bucket as one piece.
 * Written through appendBody (writes of about 1 MB, hashed on the way).
 */
import { randomBytes, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { appendBody } from './appendBody';

/**
 * Receives at most `limit` bytes of `body` into a local file (hashing them into `running`), in writes of
 * about 1 MB (appendBody.ts); a body cut on the way keeps the bytes that came and reports its error, one
 * too long keeps nothing. `hashed` equals `bytes` only when `running` saw exactly the bytes kept.
 */
export async function spoolChunk(body: Readable, limit: number, dir: string, running: Hash | undefined): Promise<{ file: string; bytes: number; hashed: number; error: unknown }> {
  const file = path.join(dir, `${process.pid}-${Date.now()}-${randomBytes(6).toString('hex')}`);
  const tracked = running ? { hash: running, bytes: 0 } : undefined;
  let error: unknown = null;
  try {
    await appendBody(file, body, limit, tracked, false, { earlySync: false });
  } catch (err) {
    error = err;
  }
  let bytes = 0;
  try {
    bytes = (await fs.promises.stat(file)).size;
  } catch {
    // Never opened: nothing came.
  }
  return { file, bytes, hashed: tracked?.bytes ?? 0, error };
}
