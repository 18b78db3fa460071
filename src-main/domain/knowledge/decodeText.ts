/**
 * Bytes of a text file to a string: UTF-8 (with or without a byte-order
 * mark), UTF-16 with a byte-order mark, else Windows-1252 (what older
 * Western files use). A file with NUL bytes and no UTF-16 mark is not
 * text: refused rather than indexed as noise.
 */
import { ValidationError } from '../../common/AppError';

/** The text of `bytes`; ValidationError when they are not text. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw new ValidationError(`${fileName} is not a text file (it holds binary data)`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
