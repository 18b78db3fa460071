import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore, sha256Hex } from './BlobStore';

const dirs: string[] = [];
function store(): BlobStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-blobs-'));
  dirs.push(dir);
  return new BlobStore(dir);
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('BlobStore', () => {
  it('files bytes under their SHA-256, once, with no temp file left', () => {
    const blobs = store();
    const bytes = Buffer.from('quarterly report');
    const hash = blobs.put(bytes);
    expect(hash).toBe(sha256Hex(bytes));
    expect(blobs.put(bytes)).toBe(hash);
    expect(fs.readFileSync(path.join(blobs.dir, hash.slice(0, 2), hash))).toEqual(bytes);
    expect(fs.readdirSync(path.join(blobs.dir, hash.slice(0, 2)))).toEqual([hash]);
    expect(blobs.read(hash)).toEqual(bytes);
  });

  it('refuses bytes that do not match the hash they are filed under', () => {
    const blobs = store();
    expect(() => blobs.put(Buffer.from('a'), 'b'.repeat(64))).toThrow(/do not match its hash/);
    expect(blobs.has('b'.repeat(64))).toBe(false);
  });

  it('reports and removes a blob damaged on disk', () => {
    const blobs = store();
    const hash = blobs.put(Buffer.from('original'));
    fs.writeFileSync(blobs.pathOf(hash), 'tampered');
    expect(() => blobs.read(hash)).toThrow(/damaged on disk/);
    expect(blobs.has(hash)).toBe(false);
    expect(blobs.read(hash)).toBeNull();
  });

  it('adopts a complete temp file only when it hashes to the expected hash', async () => {
    const blobs = store();
    const temp = path.join(blobs.tempDir(), 'part');
    fs.writeFileSync(temp, 'downloaded');
    await expect(blobs.adopt(temp, 'c'.repeat(64))).rejects.toThrow(/does not match/);
    expect(fs.existsSync(temp)).toBe(false);
    fs.writeFileSync(temp, 'downloaded');
    const hash = sha256Hex(Buffer.from('downloaded'));
    await blobs.adopt(temp, hash);
    expect(blobs.read(hash)?.toString()).toBe('downloaded');
  });

  it('refuses a hash that could reach outside its folder', () => {
    expect(() => store().pathOf('../../etc/passwd')).toThrow(/64 lowercase hex/);
  });
});
