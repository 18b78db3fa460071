/**
 * The preview of an attached image, made in the core (never in the
 * renderer, which must not decode hostile bytes): a PNG at most
 * THUMBNAIL_EDGE pixels on its longer side, by jimp (pure JavaScript, so it
 * runs the same under Node and Electron with nothing to build), on a worker
 * thread (resizeOffThread.ts) so the core keeps answering. The size
 * the header claims is checked first (readImageSize.ts): an image of more
 * than MAX_IMAGE_PIXELS, or that is not a PNG, JPEG, GIF or BMP, gets no
 * preview, and the message shows the file card instead.
 */
import { readImageSize } from './readImageSize';
import { resizeOffThread } from './resizeOffThread';

export const THUMBNAIL_EDGE = 320;
/** 40 megapixels: a large phone photo, at 160 MB decoded. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** The types a preview is made for. */
export const THUMBNAIL_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/bmp']);

export interface Thumbnail {
  png: Buffer;
  width: number;
  height: number;
}

/** The preview of `bytes` (declared as `type`), or null when none can be made safely. */
export async function makeThumbnail(bytes: Buffer, type: string): Promise<Thumbnail | null> {
  if (!THUMBNAIL_TYPES.has(type)) return null;
  const size = readImageSize(bytes);
  if (!size || size.width === 0 || size.height === 0 || size.width * size.height > MAX_IMAGE_PIXELS) return null;
  // Null for a damaged or unusual image: no preview, the file itself is kept.
  return resizeOffThread(bytes, THUMBNAIL_EDGE);
}
