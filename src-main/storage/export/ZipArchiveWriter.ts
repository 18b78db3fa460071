/**
 * Writes a zip file as a stream (yazl): each entry's bytes are produced only
 * when the zip reaches it, so an export of a large workspace holds one
 * entry in memory at a time, never the whole archive.
 *
 * The zip is written to `<out>.partial` and renamed to `out` once complete
 * and flushed: a crash or an error leaves no file that looks like an export.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';

/** Produces an entry's bytes when the zip reaches it. */
export type EntryProducer = () => Promise<Uint8Array | string> | Uint8Array | string;

export class ZipArchiveWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly partial: string;
  private readonly file: fs.WriteStream;
  private readonly done: Promise<void>;
  private failure: unknown = null;
  private bytesIn = 0;

  constructor(private readonly out: string) {
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
    this.zip.addReadStreamLazy(name, { compress: options.compress ?? true, mtime: new Date(0) }, (callback) => {
      Promise.resolve()
        .then(produce)
        .then((bytes) => {
          const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          this.bytesIn += buffer.byteLength;
          callback(null, Readable.from([buffer]));
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), null as unknown as Readable));
    });
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
