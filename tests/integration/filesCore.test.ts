/**
 * Files attached to messages, in one core: `qwanyx message post --file`
 * stores the bytes once as a SHA-256 blob in the workspace's folder and
 * names them from the room doc; `qwanyx file get` writes them back
 * unchanged; an image gets a preview made in the core; limits and hostile
 * input are refused with clear errors.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import type { AttachedFile, Room, Workspace } from '../../src-main/common/contract';
import { MAX_FILE_BYTES } from '../../src-main/common/contract';
import { makeCore } from '../fixtures/makeCore';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';

async function seed(): Promise<{ dataDir: string; workspaceId: string; roomId: string }> {
  const dataDir = makeTempDir();
  const { core, call } = await makeCore({ dataDir });
  const workspaceId = (await call<Workspace>('workspace.create', { name: 'Acme Corp' })).id;
  const roomId = (await call<Room>('room.create', { workspaceId, name: 'delivery' })).id;
  await core.close();
  return { dataDir, workspaceId, roomId };
}

function blobFiles(dataDir: string, workspaceId: string): string[] {
  const dir = path.join(dataDir, 'workspaces', workspaceId, 'files', 'blobs');
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

describe('files attached to messages', () => {
  it('posts a file from the CLI, stores it once under its hash and gets it back unchanged', async () => {
    const { dataDir, workspaceId } = await seed();
    const src = path.join(makeTempDir(), 'Statement of work.pdf');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]);
    fs.writeFileSync(src, bytes);
    const hash = createHash('sha256').update(bytes).digest('hex');

    const first = await runCliInProcess(dataDir, ['message', 'post', '--workspace', 'Acme Corp', '--room', 'delivery', '--text', 'Signed copy', '--file', src, '--json']);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    const posted = JSON.parse(first.out[0]!) as { id: string; text: string; files: AttachedFile[] };
    expect(posted.text).toBe('Signed copy');
    expect(posted.files[0]).toMatchObject({ hash, name: 'Statement of work.pdf', size: bytes.length, type: 'application/pdf', thumbnail: false });
    // The same bytes again, without text: a second message, the same single blob; the message reads as the file name.
    const again = await runCliInProcess(dataDir, ['message', 'post', '--workspace', 'Acme Corp', '--room', 'delivery', '--file', src]);
    expect(again.code).toBe(0);
    expect(blobFiles(dataDir, workspaceId)).toEqual([hash]);

    const list = await runCliInProcess(dataDir, ['file', 'list', '--workspace', 'Acme Corp', '--room', 'delivery', '--json']);
    const files = JSON.parse(list.out[0]!) as (AttachedFile & { messageId: string })[];
    expect(files.map((f) => f.hash)).toEqual([hash, hash]);
    expect(files.every((f) => f.local)).toBe(true);
    const messages = await runCliInProcess(dataDir, ['message', 'list', '--workspace', 'Acme Corp', '--room', 'delivery', '--json']);
    expect((JSON.parse(messages.out[0]!) as { text: string }[]).map((m) => m.text)).toEqual(['Signed copy', 'Statement of work.pdf']);

    const out = path.join(makeTempDir(), 'copy.pdf');
    const got = await runCliInProcess(dataDir, ['file', 'get', hash, '--out', out, '--workspace', 'Acme Corp']);
    expect(got.err).toEqual([]);
    expect(got.code).toBe(0);
    expect(fs.readFileSync(out).equals(bytes)).toBe(true);
    // Never over an existing file.
    const twice = await runCliInProcess(dataDir, ['file', 'get', hash, '--out', out, '--workspace', 'Acme Corp']);
    expect(twice.code).toBe(1);
    expect(twice.err.join('\n')).toMatch(/already exists/);
    // A hash no message names is not readable, whether or not it is well-formed.
    const unknown = await runCliInProcess(dataDir, ['file', 'get', 'f'.repeat(64), '--out', `${out}.2`, '--workspace', 'Acme Corp']);
    expect(unknown.code).toBe(1);
    expect(unknown.err.join('\n')).toMatch(/No such file/);
    const bad = await runCliInProcess(dataDir, ['file', 'get', '../../x', '--out', `${out}.3`, '--workspace', 'Acme Corp']);
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toMatch(/64 lowercase hex/);
  });

  it('makes a preview of an attached image in the core and refuses files beyond the limit', async () => {
    const { dataDir, workspaceId, roomId } = await seed();
    const { call, core } = await makeCore({ dataDir });
    const png = await new Jimp({ width: 1200, height: 900, color: 0xcc3300ff }).getBuffer('image/png');
    const attached = await call<AttachedFile>('file.attach', { workspaceId, name: 'whiteboard.png', type: 'image/png', data: png.toString('base64') });
    expect(attached).toMatchObject({ size: png.length, thumbnail: true, local: true });
    const message = await call<{ id: string }>('file.post', { workspaceId, roomId, text: 'Photo of the board', files: [attached.hash] });
    const thumb = await call<{ data: string; width: number; height: number }>('file.thumbnail', { workspaceId, hash: attached.hash });
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
    const read = await call<{ data: string; file: { name: string } }>('file.read', { workspaceId, hash: attached.hash });
    expect(Buffer.from(read.data, 'base64').equals(png)).toBe(true);
    expect(read.file.name).toBe('whiteboard.png');
    const listed = await call<{ messageId: string; files: AttachedFile[] }[]>('file.list', { workspaceId, roomId });
    expect(listed).toEqual([{ messageId: message.id, files: [{ ...attached }] }]);

    const tooBig = await core.dispatch('file.attach', { workspaceId, name: 'huge.bin', type: 'application/octet-stream', data: Buffer.alloc(MAX_FILE_BYTES + 3).toString('base64') });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.error.message).toMatch(/at most 25 MB/);
    const badName = await core.dispatch('file.attach', { workspaceId, name: '../evil.sh', type: 'text/plain', data: 'aGk=' });
    expect(badName.ok).toBe(false);
    const notAttached = await core.dispatch('file.post', { workspaceId, roomId, files: ['e'.repeat(64)] });
    expect(notAttached.ok).toBe(false);
    if (!notAttached.ok) expect(notAttached.error.message).toMatch(/attach it first/);
  });

  it('refuses a file larger than the limit from the CLI before reading it', async () => {
    const { dataDir } = await seed();
    const src = path.join(makeTempDir(), 'big.iso');
    fs.writeFileSync(src, '');
    fs.truncateSync(src, MAX_FILE_BYTES + 1);
    const run = await runCliInProcess(dataDir, ['message', 'post', '--workspace', 'Acme Corp', '--room', 'delivery', '--file', src]);
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toMatch(/at most 25 MB/);
  });
});
