/**
 * Width and height of a PNG, JPEG, GIF or BMP read from its header, before
 * any decoding: an image decoder allocates width × height × 4 bytes, so a
 * small hostile file claiming 60,000 × 60,000 pixels must be refused by
 * its header, not discovered by running out of memory.
 */

export interface ImageSize {
  width: number;
  height: number;
}

function png(b: Buffer): ImageSize | null {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gif(b: Buffer): ImageSize | null {
  if (b.length < 10 || b.toString('latin1', 0, 3) !== 'GIF') return null;
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function bmp(b: Buffer): ImageSize | null {
  if (b.length < 26 || b.toString('latin1', 0, 2) !== 'BM') return null;
  return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) };
}

function jpeg(b: Buffer): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    // SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    if (length < 2) return null;
    at += 2 + length;
  }
  return null;
}

/** The size `bytes` claims, or null when it is none of the four formats (or its header is cut). */
export function readImageSize(bytes: Buffer): ImageSize | null {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? bmp(bytes);
}
