import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../common/AppError';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import { ImportUploadService } from './ImportUploadService';

function service(importFile: (file: string) => Promise<{ workspace: { id: string; name: string }; docs: number; files: number }>): { uploads: ImportUploadService; dir: string } {
  const dir = makeTempDir();
  return { uploads: new ImportUploadService({ dataDir: dir, importFile, now: Date.now, chunkBytes: 4, maxBytes: 10 }), dir };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('ImportUploadService', () => {
  it('imports the exact bytes sent in order, then deletes the uploaded file', async () => {
    let seen: { file: string; bytes: string } | null = null;
    const { uploads } = service(async (file) => {
      seen = { file, bytes: fs.readFileSync(file, 'utf8') };
      return { workspace: { id: 'ws1', name: 'Acme' }, docs: 3, files: 0 };
    });
    const { uploadId } = uploads.begin('acme.qwanyx.zip', 9);
    expect(uploads.chunk(uploadId, 0, b64('abcd')).received).toBe(4);
    expect(() => uploads.chunk(uploadId, 0, b64('efgh'))).toThrow(/holds 4 bytes/);
    uploads.chunk(uploadId, 4, b64('efgh'));
    await expect(uploads.finish(uploadId)).rejects.toThrow(/not fully uploaded/);
    uploads.chunk(uploadId, 8, b64('i'));
    expect((await uploads.finish(uploadId)).workspace.id).toBe('ws1');
    expect(seen!.bytes).toBe('abcdefghi');
    expect(fs.existsSync(seen!.file)).toBe(false);
    expect(() => uploads.chunk(uploadId, 9, b64('j'))).toThrow(/unknown or already finished/);
  });

  it('refuses pieces past the announced size, oversize uploads and oversize pieces', () => {
    const { uploads, dir } = service(() => Promise.reject(new Error('not called')));
    expect(() => uploads.begin('big.zip', 11)).toThrow(/larger than an export may be/);
    const { uploadId } = uploads.begin('a.zip', 5);
    expect(() => uploads.chunk(uploadId, 0, b64('abcde'))).toThrow(/A piece is 1 to 4 bytes/);
    uploads.chunk(uploadId, 0, b64('abcd'));
    expect(() => uploads.chunk(uploadId, 4, b64('ef'))).toThrow(/longer than the 5 bytes announced/);
    expect(fs.readdirSync(path.join(dir, 'imports'))).toEqual([]);
  });

  it('names the file by the person’s name for it in the core’s message, and leaves nothing behind', async () => {
    const { uploads, dir } = service((file) => Promise.reject(new ValidationError(`${file} is damaged: meta does not match its checksum`)));
    const { uploadId } = uploads.begin('acme.qwanyx.zip', 2);
    uploads.chunk(uploadId, 0, b64('PK'));
    await expect(uploads.finish(uploadId)).rejects.toThrow(/^acme\.qwanyx\.zip is damaged/);
    expect(fs.readdirSync(path.join(dir, 'imports'))).toEqual([]);
  });

  it('drops an upload cancelled, and leftovers of an earlier run at start', () => {
    const { uploads, dir } = service(() => Promise.reject(new Error('not called')));
    const { uploadId } = uploads.begin('a.zip', 5);
    uploads.chunk(uploadId, 0, b64('ab'));
    uploads.cancel(uploadId);
    expect(fs.readdirSync(path.join(dir, 'imports'))).toEqual([]);
    fs.writeFileSync(path.join(dir, 'imports', 'old.zip.partial'), 'x');
    new ImportUploadService({ dataDir: dir, importFile: () => Promise.reject(new Error('no')), now: Date.now, chunkBytes: 4, maxBytes: 10 });
    expect(fs.existsSync(path.join(dir, 'imports'))).toBe(false);
  });
});
