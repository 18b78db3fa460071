/**
 * Writes a zip file as a stream (yazl): each entry's bytes are produced only
 * when the zip reaches it, so an export of a large workspace holds one
 * entry in memory at a time, never the whole archive; an entry added with
 * `addChunks` is not even whole in memory: its chunks are pulled one after
 * the other as the zip takes them in.
 *
 * The zip is written to `<out>.partial` and renamed to `out` once complete
 * and flushed: a crash or an error leaves no file that looks like an export.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import yazl from 'yazl';
import { useNativeZipCrc32 } from './nativeZipCrc32';

/** Produces an entry's bytes when the zip reaches it. */
export type EntryProducer = () => Promise<Uint8Array | string> | Uint8Array | string;
/** Produces an entry's bytes, chunk by chunk (strings as UTF-8), when the zip reaches it. */
export type ChunkProducer = () => Iterable<Uint8Array | string>;

/** The chunks of `produce` as Buffers, counted as they go; `produce` runs at the first pull. */
function* buffersOf(produce: ChunkProducer, count: (bytes: number) => void): Generator<Buffer> {
  for (const chunk of produce()) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    count(buffer.byteLength);
    yield buffer;
  }
}

export class ZipArchiveWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly partial: string;
  private readonly file: fs.WriteStream;
  private readonly done: Promise<void>;
  private failure: unknown = null;
  private bytesIn = 0;
  /** Settles once the last entry added so far has produced its bytes. */
  private lastProduced: Promise<unknown> = Promise.resolve();

  constructor(private readonly out: string) {
    useNativeZipCrc32();
    this.partial = `${out}.partial`;
    this.file = fs.createWriteStream(this.partial, { flags: 'w', mode: 0o600 });
    this.done = new Promise<void>((resolve, reject) => {
      const fail = (err: unknown): void => {
        this.failure ??= err;
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      this.zip.on('error', fail);
      this.zip.outputStream.on('error', fail);
      this.file.on('error', fail);
      this.file.on('close', () => (this.failure === null ? resolve() : undefined));
    });
    // The caller learns of a failure from finish(); keep Node from reporting it as unhandled meanwhile.
    this.done.catch(() => {});
    this.zip.outputStream.pipe(this.file);
  }

  /** Adds `name`, whose bytes `produce` returns when the zip reaches it (entries are written in the order added). */
  add(name: string, produce: EntryProducer, options: { compress?: boolean } = {}): void {
    let produced: () => void = () => undefined;
    this.lastProduced = new Promise<void>((resolve) => (produced = resolve));
    this.zip.addReadStreamLazy(name, { compress: options.compress ?? true, mtime: new Date(0) }, (callback) => {
      Promise.resolve()
        .then(produce)
        .finally(produced)
        .then((bytes) => {
          const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          this.bytesIn += buffer.byteLength;
          callback(null, Readable.from([buffer]));
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null as unknown as Readable));
    });
  }

  /**
   * Adds `name`, whose bytes `produce`'s chunks are, pulled one at a time as the zip consumes them
   * (entries are written in the order added). The chunks are produced after every entry added before.
   */
  addChunks(name: string, produce: ChunkProducer, options: { compress?: boolean } = {}): void {
    let produced: () => void = () => undefined;
    this.lastProduced = new Promise<void>((resolve) => (produced = resolve));
    this.zip.addReadStreamLazy(name, { compress: options.compress ?? true, mtime: new Date(0) }, (callback) => {
      produced();
      const stream = Readable.from(buffersOf(produce, (bytes) => (this.bytesIn += bytes)));
      stream.on('error', (err) => this.zip.emit('error', err));
      callback(null, stream);
    });
  }

  /**
   * Adds `name` with the bytes of the file at `file`, streamed from disk when
   * the zip reaches it (stored, not compressed: never in memory whole). The
   * bytes must hash (SHA-256) to `sha256` and number `size`, else the zip
   * fails with `mismatch()`'s error: a file damaged on disk never goes out.
   */
  addFile(name: string, file: string, expected: { size: number; sha256: string }, mismatch: () => Error): void {
    let produced: () => void = () => undefined;
    this.lastProduced = new Promise<void>((resolve) => (produced = resolve));
    this.zip.addReadStreamLazy(name, { compress: false, mtime: new Date(0), size: expected.size }, (callback) => {
      produced();
      const hash = createHash('sha256');
      const check = new Transform({
        transform: (chunk: Buffer, _encoding, next) => {
          hash.update(chunk);
          this.bytesIn += chunk.byteLength;
          next(null, chunk);
        },
        flush: (next) => next(hash.digest('hex') === expected.sha256 ? null : mismatch()),
      });
      const source = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
      // A file removed meanwhile is the same failure as one changed: this export cannot hold it.
      source.on('error', (err: NodeJS.ErrnoException) => check.destroy(err.code === 'ENOENT' ? mismatch() : err));
      check.on('error', (err) => this.zip.emit('error', err));
      callback(null, source.pipe(check));
    });
  }

  /**
   * Resolves once every entry added so far has produced its bytes (the zip then waits for more entries),
   * so what they found can decide the entries that follow; rejects when the zip failed meanwhile.
   */
  async produced(): Promise<void> {
    await Promise.race([this.lastProduced, this.done]);
    if (this.failure !== null) await this.done;
  }

  /** Bytes handed to the zip so far (before compression). */
  get bytesAdded(): number {
    return this.bytesIn;
  }

  /** Ends the zip, waits until it is on disk (fsync), then renames it to its final name. Returns its size. */
  async finish(): Promise<number> {
    this.zip.end();
    try {
      await this.done;
      const fd = fs.openSync(this.partial, 'r+');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(this.partial, this.out);
      return fs.statSync(this.out).size;
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Stops writing and removes the partial file. */
  abort(): void {
    this.file.destroy();
    fs.rmSync(this.partial, { force: true });
  }
}
