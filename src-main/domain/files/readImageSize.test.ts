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

describe('previews off the core thread', () => {
  it('keeps the thread free while a large photo is scaled down', async () => {
    const big = await new Jimp({ width: 3000, height: 2000, color: 0x8844aaff }).getBuffer('image/jpeg');
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    const thumb = await makeThumbnail(big, 'image/jpeg');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect([thumb?.width, thumb?.height]).toEqual([320, 213]);
    // Scaled on this thread, the timer would not run until the end; on a worker it keeps ticking.
    expect(ticks).toBeGreaterThanOrEqual(Math.min(10, Math.floor(elapsed / 50)));
    expect(elapsed).toBeGreaterThan(0);
  });
});
