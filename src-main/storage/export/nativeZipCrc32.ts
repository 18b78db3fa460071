/**
 * The zip writer (yazl) checksums every entry's bytes with CRC-32 through
 * its dependency buffer-crc32, a table loop in JavaScript (about 90 MB/s):
 * on a workspace's gigabyte of files that loop alone took longer than the
 * rest of the export. Node's `zlib.crc32` computes the same checksum
 * natively (well over 1 GB/s). `useNativeZipCrc32()` points the instance
 * yazl loads at it, once; where this Node has no `zlib.crc32`, nothing
 * changes. The checksums are identical (same polynomial, same chaining).
 */
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Crc32Fn = (buf: Buffer | string, previous?: number | Buffer) => number;
interface BufferCrc32 {
  unsigned: Crc32Fn;
}

let installed = false;

/** True when zip checksums go through `zlib.crc32`. */
export function useNativeZipCrc32(): boolean {
  if (installed) return true;
  const native = (zlib as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;
  if (typeof native !== 'function') return false;
  const requireHere = createRequire(import.meta.url);
  // The copy of buffer-crc32 that yazl itself requires.
  const crc = createRequire(requireHere.resolve('yazl'))('buffer-crc32') as BufferCrc32;
  crc.unsigned = (buf, previous) => native(buf, Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : (previous ?? 0) >>> 0);
  installed = true;
  return true;
}
