/**
 * The relay's file blobs in an S3-compatible bucket (AWS S3, MinIO, R2…),
 * with the rules of the disk store (RelayBlobStore.ts), so any relay node
 * serves any file without a shared folder. Under `<prefix><workspaceId>/`:
 *
 * - `data/<hash>`: the bytes, once per workspace, written only after their
 *   SHA-256 matched `hash` (copied from the upload, never uploaded there);
 * - `marks/<hash>/<roomId>`: an empty object per room the blob was uploaded
 *   to; a blob is served for a room only with that room's mark;
 * - `partial/<uploader>.<hash>/<offset>`: the pieces of an upload in
 *   progress, one object per chunk received (a cut chunk keeps the bytes
 *   that came). The bucket itself says where an upload stands (the
 *   contiguous pieces from 0), so a chunk may reach any node and resume
 *   there: the client's protocol (offset, 409 with the offset to resume
 *   from) is unchanged. Plain objects rather than S3 multipart uploads:
 *   multipart parts must be 5 MiB but the last, cannot be read before the
 *   upload completes (so not hashed by a node that did not see them all),
 *   and are missing from several S3-compatible servers.
 *
 * Once every byte is in, the pieces are hashed (the node that received them
 * all hashed them on the way; another reads them back), joined when there
 * are several, copied to `data/` when they match, then the room's mark is
 * written: only then is the chunk acknowledged. An upload refused or cut on
 * the way leaves the pieces already acknowledged, nothing else.
 *
 * An upload nothing was written to for a while (its newest piece) is
 * deleted by the sweep (`sweepPartial`, sweepPartialUploads.ts), under the
 * upload's lease, so never while a node is receiving a chunk of it, and its
 * reservation is released.
 *
 * Quotas and "one connection per upload" are kept by a BlobLedger (memory on
 * one node, PostgreSQL with several). A bucket that does not answer is a 503
 * naming the bucket; the readiness check asks the bucket too.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { HASH_PATTERN } from '../../src-main/common/contract/fileChannels';
import { ENTITY_ID_PATTERN, WORKSPACE_ID_PATTERN } from '../../src-main/common/ids';
import { RelayConflictError, RelayError, RelayValidationError } from '../RelayError';
import type { BlobLedger } from './BlobLedger';
import type { BlobS3Settings } from './blobS3Config';
import type { BlobAppendInput, BlobStore, UploadState } from './BlobStore';
import { contiguous, uploaderOf, UPLOAD_KEY, type Piece, type S3Listed } from './s3Pieces';
import { spoolChunk } from './spoolChunk';

/** Largest object one CopyObject may copy. */
const MAX_OBJECT_BYTES = 5 * 1024 * 1024 * 1024;
/** How long one chunk may hold its upload's lease (a request lasts 30 s at most). */
const LEASE_MS = 120_000;

export interface S3BlobStoreDeps {
  client: S3Client;
  settings: BlobS3Settings;
  ledger: BlobLedger;
  quotaBytes: number;
  /** Local folder where a chunk waits while it is received (its length must be known to S3). */
  spoolDir: string;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  /** The running SHA-256 of uploads in progress this node received every byte of. */
  private readonly hashing = new Map<string, { hash: Hash; bytes: number }>();

  constructor(private readonly deps: S3BlobStoreDeps) {
    fs.mkdirSync(deps.spoolDir, { recursive: true, mode: 0o700 });
  }

  async inRoom(workspaceId: string, roomId: string, hash: string): Promise<boolean> {
    const [marked, kept] = await Promise.all([this.exists(this.markKey(workspaceId, hash, roomId)), this.exists(this.dataKey(workspaceId, hash))]);
    return marked !== null && kept !== null;
  }

  bytesUsed(workspaceId: string): Promise<number> {
    this.base(workspaceId);
    return this.deps.ledger.stored(workspaceId);
  }

  async state(workspaceId: string, roomId: string, userId: string, hash: string): Promise<UploadState> {
    if (await this.inRoom(workspaceId, roomId, hash)) return { received: 0, complete: true };
    return { received: contiguous(await this.pieces(workspaceId, uploaderOf(userId), hash)).held, complete: false };
  }

  async append(input: BlobAppendInput): Promise<UploadState> {
    const { workspaceId, roomId, userId, hash, offset, size } = input;
    const mark = this.markKey(workspaceId, hash, roomId);
    if (size > MAX_OBJECT_BYTES) throw new RelayError('TOO_LARGE', `A file kept in S3 by this relay is at most ${formatBytes(MAX_OBJECT_BYTES)}.`);
    if (await this.inRoom(workspaceId, roomId, hash)) return { received: size, complete: true };
    const who = uploaderOf(userId);
    const upload = `${workspaceId}/${who}.${hash}`;
    const item = `partial/${who}.${hash}`;
    const release = await this.deps.ledger.lease(upload, LEASE_MS);
    if (!release) throw new RelayConflictError('This file is already being uploaded from another connection; try again in a moment.');
    try {
      const stored = (await this.exists(this.dataKey(workspaceId, hash))) !== null;
      const { held } = contiguous(await this.pieces(workspaceId, who, hash));
      if (!stored) {
        // Reserved at the file's full size, in the shared ledger: half-uploads cannot fill the bucket either.
        const { fits, stored: used } = await this.deps.ledger.reserve(workspaceId, item, size, this.deps.quotaBytes);
        if (!fits) {
          throw new RelayError(
            'TOO_LARGE',
            `This workspace's files would pass its quota of ${formatBytes(this.deps.quotaBytes)} on the relay (${formatBytes(used)} used): remove files or ask the relay's operator for more room.`,
          );
        }
      }
      if (offset !== held) throw new RelayConflictError(`The relay holds ${held} bytes of this upload, not ${offset}: resume from ${held}.`);
      const before = this.hashing.get(upload);
      this.hashing.delete(upload);
      // Hashed on a copy: bytes the bucket did not take must not enter the running hash.
      const running = held === 0 ? createHash('sha256') : before && before.bytes === held ? before.hash.copy() : undefined;
      const spooled = await spoolChunk(input.body, Math.min(input.maxChunk, size - held), this.deps.spoolDir, running);
      try {
        if (spooled.bytes > 0) await this.putFile(this.pieceKey(workspaceId, who, hash, held), spooled.file, spooled.bytes);
      } finally {
        fs.rmSync(spooled.file, { force: true });
      }
      const received = held + spooled.bytes;
      // Nothing held: nothing reserved either (a first chunk that brought no byte, then abandoned, would hold the quota for ever).
      if (received === 0 && size > 0 && !stored) await this.deps.ledger.settle(workspaceId, item, null);
      const hashed = running !== undefined && spooled.hashed === spooled.bytes;
      if (hashed) this.hashing.set(upload, { hash: running, bytes: received });
      if (spooled.error) throw spooled.error;
      if (received < size) return { received, complete: false };
      this.hashing.delete(upload);
      await this.finish({ workspaceId, who, hash, size, stored, mark, digest: hashed ? running.digest('hex') : undefined });
      return { received, complete: true };
    } finally {
      await release().catch(() => undefined);
    }
  }

  async blobSize(workspaceId: string, hash: string): Promise<number> {
    const size = await this.exists(this.dataKey(workspaceId, hash));
    if (size === null) throw new RelayError('NOT_FOUND', 'No such file on the relay.');
    return size;
  }

  async openBlob(workspaceId: string, hash: string, start: number): Promise<Readable> {
    const answer = await this.call(() => this.deps.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.dataKey(workspaceId, hash), Range: `bytes=${start}-` })));
    return answer.Body as Readable;
  }

  async remove(workspaceId: string, hash: string): Promise<boolean> {
    const data = this.dataKey(workspaceId, hash);
    const existed = (await this.exists(data)) !== null;
    const base = this.base(workspaceId);
    const keys = [data, ...(await this.list(`${base}marks/${hash}/`)).map((o) => o.key)];
    for (const o of await this.list(`${base}partial/`)) if (o.key.includes(`.${hash}/`) || o.key.endsWith(`.${hash}.whole`)) keys.push(o.key);
    await this.deleteKeys(keys);
    await this.deps.ledger.dropHash(workspaceId, hash);
    return existed;
  }

  async removeWorkspace(workspaceId: string): Promise<number> {
    const base = this.base(workspaceId);
    const objects = await this.list(base);
    await this.deleteKeys(objects.map((o) => o.key));
    await this.deps.ledger.dropWorkspace(workspaceId);
    return objects.filter((o) => o.key.startsWith(`${base}data/`)).length;
  }

  async sweepPartial(before: number): Promise<{ uploads: number; bytes: number }> {
    const prefix = this.deps.settings.prefix;
    /** Per upload (`<workspaceId>/<uploader>.<hash>`): when a piece of it was last written. */
    const newest = new Map<string, number>();
    // Every key under the prefix, page by page: listing by folder (a delimiter) is missing or wrong on some S3-compatible servers.
    for await (const page of this.pages(prefix)) {
      for (const o of page) {
        const upload = UPLOAD_KEY.exec(o.key.slice(prefix.length));
        if (upload) newest.set(`${upload[1]}/${upload[2]}`, Math.max(newest.get(`${upload[1]}/${upload[2]}`) ?? 0, o.modified));
      }
    }
    let uploads = 0;
    let bytes = 0;
    for (const [upload, modified] of newest) {
      if (modified >= before) continue;
      const [workspaceId = '', name = ''] = upload.split('/');
      if (!WORKSPACE_ID_PATTERN.test(workspaceId)) continue;
      // The lease of a chunk being received, here or on another node: that upload is not abandoned.
      const release = await this.deps.ledger.lease(upload, LEASE_MS);
      if (!release) continue;
      try {
        // Listed again under the lease: a chunk that landed meanwhile keeps the upload.
        const objects = await this.list(`${this.base(workspaceId)}partial/${name}`);
        if (objects.length === 0 || objects.some((o) => o.modified >= before)) continue;
        await this.deleteKeys(objects.map((o) => o.key));
        await this.deps.ledger.settle(workspaceId, `partial/${name}`, null);
        this.hashing.delete(upload);
        uploads += 1;
        for (const o of objects) bytes += o.size;
      } finally {
        await release().catch(() => undefined);
      }
    }
    return { uploads, bytes };
  }

  async problem(): Promise<string | null> {
    try {
      await this.deps.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(5000) });
      return null;
    } catch (err) {
      return `the S3 bucket ${this.bucket} does not answer (${describe(err)})`;
    }
  }

  async close(): Promise<void> {
    this.deps.client.destroy();
    await this.deps.ledger.close();
  }

  /** What the bucket holds of a workspace, for the memory ledger: kept blobs at their size, uploads at the bytes held. */
  async scan(workspaceId: string): Promise<Map<string, number>> {
    const base = this.base(workspaceId);
    const items = new Map<string, number>();
    for (const o of await this.list(`${base}data/`)) items.set(o.key.slice(base.length), o.size);
    for (const o of await this.list(`${base}partial/`)) {
      const upload = /^partial\/([0-9a-f]{32}\.[0-9a-f]{64})\//.exec(o.key.slice(base.length));
      if (upload) items.set(`partial/${upload[1]}`, (items.get(`partial/${upload[1]}`) ?? 0) + o.size);
    }
    return items;
  }

  /** Hashes the upload's pieces (joined first when several), keeps the blob when they match, marks it for the room. */
  private async finish(input: { workspaceId: string; who: string; hash: string; size: number; stored: boolean; mark: string; digest: string | undefined }): Promise<void> {
    const { workspaceId, who, hash, size, stored } = input;
    const item = `partial/${who}.${hash}`;
    const all = await this.pieces(workspaceId, who, hash);
    const { chain, held } = contiguous(all);
    if (held !== size) throw new RelayConflictError(`The relay holds ${held} bytes of this upload, not ${size}: resume from ${held}.`);
    const whole = `${this.base(workspaceId)}partial/${who}.${hash}.whole`;
    let source = chain[0]?.key ?? whole;
    let actual = input.digest;
    if (chain.length === 1) actual ??= await this.hashObject(source);
    else {
      // Several pieces become one object (hashed on the way); an empty file is an empty object.
      actual = await this.join(chain, whole, size);
      source = whole;
    }
    const leftovers = [...all.map((p) => p.key), whole];
    if (actual !== hash) {
      await this.deleteKeys(leftovers);
      await this.deps.ledger.settle(workspaceId, item, null);
      throw new RelayValidationError('The uploaded bytes do not match their SHA-256; the upload was dropped: send the file again.');
    }
    if (!stored) {
      await this.call(() => this.deps.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: this.dataKey(workspaceId, hash), CopySource: encodeCopySource(this.bucket, source) })));
      await this.deps.ledger.settle(workspaceId, item, { item: `data/${hash}`, bytes: size });
    } else await this.deps.ledger.settle(workspaceId, item, null);
    await this.call(() => this.deps.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: input.mark, Body: Buffer.alloc(0), ContentLength: 0 })));
    await this.deleteKeys(leftovers);
  }

  private async join(chain: Piece[], whole: string, size: number): Promise<string> {
    const hash = createHash('sha256');
    const open = (key: string): Promise<Readable> => this.call(() => this.deps.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))).then((a) => a.Body as Readable);
    async function* bytes(): AsyncGenerator<Buffer> {
      for (const piece of chain) {
        for await (const chunk of await open(piece.key)) {
          hash.update(chunk as Buffer);
          yield chunk as Buffer;
        }
      }
    }
    await this.call(() => this.deps.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: whole, Body: Readable.from(bytes()), ContentLength: size })));
    return hash.digest('hex');
  }

  private async hashObject(key: string): Promise<string> {
    const answer = await this.call(() => this.deps.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })));
    const hash = createHash('sha256');
    for await (const chunk of answer.Body as Readable) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  private async putFile(key: string, file: string, bytes: number): Promise<void> {
    await this.call(() => this.deps.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: fs.createReadStream(file), ContentLength: bytes })));
  }

  /** The pieces of `who`'s upload of `hash`, by offset. */
  private async pieces(workspaceId: string, who: string, hash: string): Promise<Piece[]> {
    const prefix = `${this.base(workspaceId)}partial/${who}.${checkHash(hash)}/`;
    const pieces: Piece[] = [];
    for (const o of await this.list(prefix)) {
      const offset = Number(o.key.slice(prefix.length));
      if (Number.isSafeInteger(offset)) pieces.push({ key: o.key, offset, size: o.size });
    }
    return pieces.sort((a, b) => a.offset - b.offset);
  }

  private async list(prefix: string): Promise<S3Listed[]> {
    const found: S3Listed[] = [];
    for await (const page of this.pages(prefix)) found.push(...page);
    return found;
  }

  /** The keys under `prefix`, a page (at most 1000) at a time. */
  private async *pages(prefix: string): AsyncGenerator<S3Listed[]> {
    let token: string | undefined;
    do {
      const page = await this.call(() => this.deps.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })));
      yield (page.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [{ key: o.Key, size: o.Size ?? 0, modified: o.LastModified?.getTime() ?? 0 }]));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  private async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const answer = await this.call(() => this.deps.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })));
      const failed = answer.Errors?.[0];
      if (failed) throw new RelayError('UNAVAILABLE', `The relay's file storage did not delete ${failed.Key ?? 'an object'} (${failed.Code ?? 'error'}): try again.`);
    }
  }

  /** The object's size, or null when there is none. */
  private async exists(key: string): Promise<number | null> {
    try {
      const head = await this.deps.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.unavailable(err);
    }
  }

  /** Runs one S3 call; a failure becomes a 503 naming the bucket. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  private unavailable(err: unknown): RelayError {
    if (err instanceof RelayError) return err;
    return new RelayError('UNAVAILABLE', `The relay's file storage (S3 bucket ${this.bucket}) did not answer (${describe(err)}): nothing was lost, try again later.`, { cause: err });
  }

  private get bucket(): string {
    return this.deps.settings.bucket;
  }

  private base(workspaceId: string): string {
    if (!WORKSPACE_ID_PATTERN.test(workspaceId)) throw new RelayValidationError('Invalid workspace id.');
    return `${this.deps.settings.prefix}${workspaceId}/`;
  }

  private dataKey(workspaceId: string, hash: string): string {
    return `${this.base(workspaceId)}data/${checkHash(hash)}`;
  }

  private markKey(workspaceId: string, hash: string, roomId: string): string {
    if (!ENTITY_ID_PATTERN.test(roomId)) throw new RelayValidationError('Invalid room id.');
    return `${this.base(workspaceId)}marks/${checkHash(hash)}/${roomId}`;
  }

  private pieceKey(workspaceId: string, who: string, hash: string, offset: number): string {
    return `${this.base(workspaceId)}partial/${who}.${checkHash(hash)}/${String(offset).padStart(16, '0')}`;
  }
}

function checkHash(hash: string): string {
  if (!HASH_PATTERN.test(hash)) throw new RelayValidationError('A file hash is 64 lowercase hex digits (SHA-256).');
  return hash;
}

function encodeCopySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string };
  return (e.code ?? e.name ?? 'error') + (e.message ? `: ${e.message}` : '');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n} bytes`;
}
