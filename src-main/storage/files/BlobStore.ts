/**
 * A workspace's content-addressed file store: `<workspace>/files/blobs/<ab>/<hash>`,
 * where `hash` is the SHA-256 of the bytes (fileRefFormat.ts). A file is
 * stored once however many messages name it. Every write is atomic (temp
 * file, fsync, rename, fsync of the folder: writeFileAtomic.ts) and checked
 * against the hash it is filed under; every read is checked again, so a
 * blob damaged on disk is reported (and removed, to be fetched again)
 * rather than handed out as the file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ValidationError } from '../../common/AppError';
import { HASH_PATTERN } from './fileRefFormat';
import { fsyncDir, writeFileAtomic } from './writeFileAtomic';

/** SHA-256 of `bytes`, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BlobStore {
  constructor(readonly dir: string) {}

  /** Where blob `hash` lives (whether or not it is there). */
  pathOf(hash: string): string {
    if (!HASH_PATTERN.test(hash)) throw new ValidationError('Not a file hash: expected 64 lowercase hex digits');
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return fs.existsSync(this.pathOf(hash));
  }

  /** Stores `bytes` (once: a blob already there is kept) and returns its hash; with `expected`, refuses other bytes. */
  put(bytes: Uint8Array, expected?: string): string {
    const hash = sha256Hex(bytes);
    if (expected !== undefined && expected !== hash) throw new AppError('STORAGE', `The file's bytes do not match its hash ${expected.slice(0, 12)}…: it was damaged on the way; try again`);
    if (!this.has(hash)) writeFileAtomic(this.pathOf(hash), bytes);
    return hash;
  }

  /**
   * Files a complete temp file (written and flushed by the caller, in `tempDir()`)
   * as blob `expected`, after checking its bytes hash to it; the temp file is gone after.
   */
  async adopt(tempFile: string, expected: string): Promise<void> {
    const target = this.pathOf(expected);
    try {
      const actual = await hashFile(tempFile);
      if (actual !== expected) throw new AppError('STORAGE', `The downloaded file does not match its hash ${expected.slice(0, 12)}…: it was damaged on the way and was not kept`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(tempFile, target);
      fsyncDir(path.dirname(target));
    } finally {
      fs.rmSync(tempFile, { force: true });
    }
  }

  /** A folder for temp files on the same disk as the blobs (so a rename moves them in). */
  tempDir(): string {
    const dir = path.join(this.dir, 'tmp');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** The bytes of blob `hash`, checked; null when it is not here. A damaged blob is removed and reported. */
  read(hash: string): Buffer | null {
    const file = this.pathOf(hash);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    if (sha256Hex(bytes) !== hash) {
      fs.rmSync(file, { force: true });
      throw new AppError('STORAGE', `The stored copy of file ${hash.slice(0, 12)}… was damaged on disk and was removed; it will be fetched again from the relay`);
    }
    return bytes;
  }

  /** Size on disk of blob `hash`, or null. */
  size(hash: string): number | null {
    try {
      return fs.statSync(this.pathOf(hash)).size;
    } catch {
      return null;
    }
  }
}

/** SHA-256 of a file, streamed. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
