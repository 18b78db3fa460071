/**
 * The export's zip writer: entries produced in memory and files streamed
 * from disk come out with the right bytes and the right CRC-32 (checked
 * against a table computed here, not the writer's own checksum, since the
 * reader does not check CRCs), and a file whose bytes no longer hash to its
 * name fails the zip and leaves no file behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { ZipArchiveReader } from '../../src-main/storage/export/ZipArchiveReader';
import { ZipArchiveWriter } from '../../src-main/storage/export/ZipArchiveWriter';
import { makeTempDir } from '../fixtures/tempDir';

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function centralCrcs(file: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: false, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const crcs = new Map<string, number>();
      zip.on('entry', (entry: yauzl.Entry) => crcs.set(entry.fileName, entry.crc32));
      zip.on('end', () => resolve(crcs));
      zip.on('error', reject);
    });
  });
}

const LIMITS = { maxEntries: 10, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 128 * 1024 * 1024, maxRatio: 200 };

describe('ZipArchiveWriter', () => {
  it('writes produced entries and streamed files with their bytes and correct CRC-32', async () => {
    const dir = makeTempDir();
    // Over several read chunks, so the checksum is chained across chunks.
    const big = randomBytes(3 * 1024 * 1024 + 17);
    const blob = path.join(dir, 'blob');
    fs.writeFileSync(blob, big);
    const text = 'héllo, zip\n'.repeat(1000);
    const out = path.join(dir, 'a.zip');
    const writer = new ZipArchiveWriter(out);
    writer.add('docs/a.json', () => text);
    writer.addFile('files/big', blob, { size: big.byteLength, sha256: createHash('sha256').update(big).digest('hex') }, () => new Error('changed'));
    await writer.finish();
    const crcs = await centralCrcs(out);
    expect(crcs.get('docs/a.json')).toBe(referenceCrc32(Buffer.from(text, 'utf8')));
    expect(crcs.get('files/big')).toBe(referenceCrc32(big));
    const reader = await ZipArchiveReader.open(out, LIMITS, () => true);
    try {
      expect((await reader.read('docs/a.json')).toString('utf8')).toBe(text);
      expect((await reader.read('files/big')).equals(big)).toBe(true);
    } finally {
      reader.close();
    }
  });

  it('fails, leaving no file, when a file no longer matches its hash', async () => {
    const dir = makeTempDir();
    const blob = path.join(dir, 'blob');
    fs.writeFileSync(blob, 'original bytes');
    const expected = { size: 14, sha256: createHash('sha256').update('original bytes').digest('hex') };
    fs.writeFileSync(blob, 'damaged bytes!');
    const out = path.join(dir, 'b.zip');
    const writer = new ZipArchiveWriter(out);
    writer.add('manifest.json', () => '{}');
    writer.addFile('files/x', blob, expected, () => new Error('file x changed on disk'));
    await expect(writer.finish()).rejects.toThrow('file x changed on disk');
    expect(fs.readdirSync(dir)).toEqual(['blob']);
  });

  it('says when every entry added so far has produced its bytes', async () => {
    const dir = makeTempDir();
    const writer = new ZipArchiveWriter(path.join(dir, 'c.zip'));
    const seen: string[] = [];
    writer.add('one', () => (seen.push('one'), 'a'));
    writer.add('two', async () => (seen.push('two'), 'b'));
    await writer.produced();
    expect(seen).toEqual(['one', 'two']);
    writer.add('three', () => 'c');
    expect(await writer.finish()).toBeGreaterThan(0);
  });
});
