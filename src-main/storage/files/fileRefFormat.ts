/**
 * A file attached to a message, as the room doc stores it
 * (`messages[id].files`, src-main/storage/rooms/roomDocFormat.ts):
 * `{hash, name, size, type}`. The bytes live elsewhere (a content-addressed
 * blob, BlobStore.ts); the message only names them, so a file posted in two
 * rooms is stored once and a doc stays small.
 *
 * A reader never trusts a peer: the hash must be 64 lowercase hex digits,
 * the name a plain file name (no separators, no control characters, at most
 * 255 characters: it may become a file name on save), the size a safe
 * integer within the per-file limit, the type a MIME type. A malformed entry
 * is dropped, never repaired; at most MAX_FILES_PER_MESSAGE are read.
 */
import { HASH_PATTERN, MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE, isMimeType, isSafeFileName } from '../../common/contract/fileChannels';

export { HASH_PATTERN, MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE };

/** One attached file. */
export interface FileRef {
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  hash: string;
  /** Display and save name, without any folder. */
  name: string;
  /** Bytes. */
  size: number;
  /** MIME type, such as `image/png`. */
  type: string;
}

/** The value to store under `messages[id].files`. */
export function writeFileRefs(files: readonly FileRef[]): Record<string, unknown>[] {
  return files.map((f) => ({ hash: f.hash, name: f.name, size: f.size, type: f.type }));
}

/** One entry of `files`; null when it is not well-formed. */
export function readFileRef(value: unknown): FileRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.hash !== 'string' || !HASH_PATTERN.test(v.hash)) return null;
  if (typeof v.name !== 'string' || !isSafeFileName(v.name)) return null;
  if (!Number.isSafeInteger(v.size) || (v.size as number) < 0 || (v.size as number) > MAX_FILE_BYTES) return null;
  if (typeof v.type !== 'string' || !isMimeType(v.type)) return null;
  return { hash: v.hash, name: v.name, size: v.size as number, type: v.type };
}

/** `messages[id].files` as read from a peer: well-formed entries only, each hash once, at most MAX_FILES_PER_MESSAGE. */
export function readFileRefs(value: unknown): FileRef[] {
  if (!Array.isArray(value)) return [];
  const out: FileRef[] = [];
  const seen = new Set<string>();
  for (const item of value.slice(0, MAX_FILES_PER_MESSAGE * 4)) {
    const ref = readFileRef(item);
    if (!ref || seen.has(ref.hash)) continue;
    seen.add(ref.hash);
    out.push(ref);
    if (out.length === MAX_FILES_PER_MESSAGE) break;
  }
  return out;
}
