/**
 * Reads a zip file someone handed us, trusting nothing in it (yauzl).
 *
 * Opening reads only the central directory and refuses the archive before
 * any entry is inflated when: an entry's path is absolute, climbs out with
 * `..`, or is not one `isAllowed` accepts (zip slip); a path comes twice;
 * there are too many entries; an entry or the whole declares more bytes than
 * the limits; an entry's declared compression ratio is that of a zip bomb.
 * Reading an entry then counts the bytes really inflated and stops at the
 * declared size (yauzl checks the size too), so a lying header cannot make
 * it inflate more.
 */
import yauzl from 'yauzl';
import { ValidationError } from '../../common/AppError';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for an entry over 1 MiB. */
  maxRatio: number;
}

const RATIO_CHECK_FROM = 1024 * 1024;

export class ZipArchiveReader {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly source: string,
  ) {}

  /** Opens `path` and checks its directory against `limits` and `isAllowed`. */
  static async open(path: string, limits: ZipLimits, isAllowed: (name: string) => boolean): Promise<ZipArchiveReader> {
    let zip: yauzl.ZipFile;
    try {
      zip = await openZip(path);
    } catch (err) {
      throw new ValidationError(`${path} is not a readable zip archive (${err instanceof Error ? err.message : String(err)})`);
    }
    try {
      const entries = await scan(zip, limits, isAllowed);
      return new ZipArchiveReader(zip, entries, path);
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  /** True when the archive holds `name`. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Names of the entries, in archive order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The inflated bytes of `name`. */
  async read(name: string): Promise<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new ValidationError(`${this.source} has no entry ${name}`);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, s) => (err ? reject(new ValidationError(`${name} in ${this.source} cannot be read: ${err.message}`)) : resolve(s))),
    );
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.byteLength;
        if (total > entry.uncompressedSize) throw new ValidationError(`${name} in ${this.source} inflates to more than it declares`);
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw new ValidationError(`${name} in ${this.source} is damaged: ${err instanceof Error ? err.message : String(err)}`);
    }
    return Buffer.concat(chunks, total);
  }

  close(): void {
    this.zip.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function scan(zip: yauzl.ZipFile, limits: ZipLimits, isAllowed: (name: string) => boolean): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > limits.maxEntries) return Promise.reject(new ValidationError(`The archive holds ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`));
  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  return new Promise((resolve, reject) => {
    const refuse = (message: string): void => {
      zip.removeAllListeners('entry');
      reject(new ValidationError(message));
    };
    zip.on('error', (err: Error) =>
      refuse(
        /relative path|absolute path|invalid characters/.test(err.message)
          ? `The archive holds a file whose path leaves its folder or is not portable (${err.message}): refused`
          : `The archive is damaged: ${err.message}`,
      ),
    );
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      // yauzl already refuses absolute paths, `..` and backslashes (strictFileNames); the format says what else may be there.
      if (name.endsWith('/')) return zip.readEntry();
      if (!isAllowed(name)) return refuse(`The archive holds an unexpected file: ${name.slice(0, 200)}`);
      if (entries.has(name)) return refuse(`The archive holds ${name} twice`);
      if (entry.uncompressedSize > limits.maxEntryBytes) return refuse(`${name} is ${entry.uncompressedSize} bytes; at most ${limits.maxEntryBytes} are accepted`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) return refuse(`The archive inflates to more than ${limits.maxTotalBytes} bytes`);
      if (entry.uncompressedSize > RATIO_CHECK_FROM && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        return refuse(`${name} is compressed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} to 1: refused as a zip bomb`);
      }
      entries.set(name, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}
