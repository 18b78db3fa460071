import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import { makeThumbnail } from './makeThumbnail';
import { readImageSize } from './readImageSize';

async function image(width: number, height: number, mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/bmp'): Promise<Buffer> {
  return new Jimp({ width, height, color: 0x3366ccff }).getBuffer(mime);
}

describe('image headers and previews', () => {
  it.each(['image/png', 'image/jpeg', 'image/gif', 'image/bmp'] as const)('reads the size of a %s from its header', async (mime) => {
    expect(readImageSize(await image(37, 21, mime))).toEqual({ width: 37, height: 21 });
  });

  it('makes a PNG preview at most 320 pixels on its longer side, keeping the proportions', async () => {
    const thumb = await makeThumbnail(await image(1280, 640, 'image/jpeg'), 'image/jpeg');
    expect(thumb).not.toBeNull();
    expect([thumb!.width, thumb!.height]).toEqual([320, 160]);
    expect(thumb!.png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('makes no preview of an image whose header claims too many pixels, nor of bytes that are no image', async () => {
    const png = await image(4, 4, 'image/png');
    png.writeUInt32BE(60_000, 16);
    png.writeUInt32BE(60_000, 20);
    expect(await makeThumbnail(png, 'image/png')).toBeNull();
    expect(await makeThumbnail(Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml')).toBeNull();
    expect(await makeThumbnail(Buffer.from('not an image at all'), 'image/png')).toBeNull();
  });
});
