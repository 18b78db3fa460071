/**
 * A whole workspace leaves in one zip and comes back as a new workspace:
 * `qwanyx workspace export` then `qwanyx workspace import` on real files;
 * the zip holds every doc (Yjs state and JSON), each room as Markdown, and
 * no secret; an export of the import holds the same rooms, messages and
 * digital humans. Hostile or damaged archives (zip slip, zip bomb, newer
 * format, cut short, a doc that does not match its checksum) are refused
 * with a clear error and leave no workspace behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, MessagePage, Room, Workspace } from '../../src-main/common/contract';
import { ZipArchiveReader } from '../../src-main/storage/export/ZipArchiveReader';
import { IMPORT_LIMITS } from '../../src-main/domain/export/WorkspaceArchiveService';
import { makeCore } from '../fixtures/makeCore';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';

const SECRET_KEY = 'sk-export-test-4f1c9a7e2b';
const FILE_TEXT = 'Minutes of the kick-off, kept as an attachment.';

async function seed(): Promise<{ dataDir: string; workspaceId: string; roomId: string }> {
  const dataDir = makeTempDir();
  const { core, call } = await makeCore({ dataDir });
  const workspaceId = (await call<Workspace>('workspace.create', { name: 'Acme Corp' })).id;
  const roomId = (await call<Room>('room.create', { workspaceId, name: 'delivery', topic: 'Weekly status' })).id;
  const root = await call<{ id: string }>('message.post', { workspaceId, roomId, text: 'Kick-off notes:\n\n| step | owner |\n| --- | --- |\n| audit | Ada |' });
  await call('message.post', { workspaceId, roomId, text: 'Reply in the thread about the audit', threadRootId: root.id });
  const gone = await call<{ id: string }>('message.post', { workspaceId, roomId, text: 'A sentence that was deleted later' });
  await call('message.delete', { workspaceId, roomId, messageId: gone.id });
  const notes = await call<{ hash: string }>('file.attach', { workspaceId, name: 'notes.txt', type: 'text/plain', data: Buffer.from(FILE_TEXT).toString('base64') });
  await call('file.post', { workspaceId, roomId, text: 'The notes', files: [notes.hash] });
  await call<DigitalHuman>('dh.create', { workspaceId, name: 'Philippe', handle: 'philippe', tools: ['tasks'], memoryEnabled: true });
  await call('provider.set', { workspaceId, preset: 'openai', baseUrl: 'https://api.openai.com/v1', chatModel: 'gpt-4o-mini', apiKey: SECRET_KEY });
  await core.close();
  return { dataDir, workspaceId, roomId };
}

async function readZip(file: string): Promise<Map<string, string>> {
  const reader = await ZipArchiveReader.open(file, IMPORT_LIMITS, () => true);
  try {
    const out = new Map<string, string>();
    for (const name of reader.names()) out.set(name, (await reader.read(name)).toString(name.endsWith('.yjs') ? 'base64' : 'utf8'));
    return out;
  } finally {
    reader.close();
  }
}

async function workspaceNames(dataDir: string): Promise<string[]> {
  const list = await runCliInProcess(dataDir, ['workspace', 'list', '--json']);
  return (JSON.parse(list.out.join('\n')) as Workspace[]).map((w) => w.name).sort();
}

/** A zip written with yazl; `rename` rewrites an entry name in place (same length), as a hostile tool would. */
async function writeZip(file: string, entries: [string, Buffer][], rename?: [string, string]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let bytes = Buffer.concat(chunks);
  if (rename) bytes = Buffer.from(bytes.toString('latin1').split(rename[0]).join(rename[1]), 'latin1');
  fs.writeFileSync(file, bytes);
}

describe('workspace export and import', () => {
  it('exports every doc, each room as Markdown and no secret, and imports it as a new workspace with the same content', async () => {
    const { dataDir, workspaceId, roomId } = await seed();
    const out = path.join(makeTempDir(), 'acme.qwanyx.zip');
    const exported = await runCliInProcess(dataDir, ['workspace', 'export', 'Acme Corp', '--out', out, '--json']);
    expect(exported.err).toEqual([]);
    expect(exported.code).toBe(0);
    const summary = JSON.parse(exported.out[0]!) as { rooms: number; messages: number; docs: number; bytes: number; files: number; filesMissing: number };
    expect(summary.rooms).toBeGreaterThanOrEqual(1);
    expect(summary).toMatchObject({ files: 1, filesMissing: 0 });
    expect(summary.bytes).toBe(fs.statSync(out).size);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);

    const bytes = fs.readFileSync(out);
    expect(bytes.includes(Buffer.from(SECRET_KEY))).toBe(false);
    const first = await readZip(out);
    expect([...first.keys()].filter((n) => n.startsWith('docs/')).length).toBeGreaterThanOrEqual(4);
    expect(first.has('manifest.json')).toBe(true);
    expect([...first.keys()]).toEqual(expect.arrayContaining(['docs/meta.yjs', 'docs/meta.json', `docs/room/${roomId}.yjs`, `docs/room/${roomId}.json`]));
    for (const content of first.values()) expect(content.includes(SECRET_KEY)).toBe(false);
    const manifest = JSON.parse(first.get('manifest.json')!) as { workspace: { id: string; name: string }; docs: { name: string }[] };
    expect(manifest.workspace).toMatchObject({ id: workspaceId, name: 'Acme Corp' });
    const transcriptName = [...first.keys()].find((n) => n.startsWith('rooms/delivery--'))!;
    const transcript = first.get(transcriptName)!;
    expect(transcript).toContain('# #delivery');
    expect(transcript).toContain('| audit | Ada |');
    expect(transcript).toContain('> Reply in the thread about the audit');
    expect(transcript).toContain('_This message was deleted._');
    expect(transcript).not.toContain('A sentence that was deleted later');

    // Only a .zip file can be made, and a second export to the same file is refused: nothing is overwritten.
    const notZip = await runCliInProcess(dataDir, ['workspace', 'export', workspaceId, '--out', path.join(path.dirname(out), 'profile.sh')]);
    expect(notZip.err.join('\n')).toContain('must end in .zip');
    expect(fs.existsSync(path.join(path.dirname(out), 'profile.sh'))).toBe(false);
    const again = await runCliInProcess(dataDir, ['workspace', 'export', workspaceId, '--out', out]);
    expect(again.code).not.toBe(0);
    expect(again.err.join('\n')).toContain('already exists');

    const imported = await runCliInProcess(dataDir, ['workspace', 'import', out, '--json']);
    expect(imported.err).toEqual([]);
    const { id } = JSON.parse(imported.out[0]!) as { id: string };
    expect(id).not.toBe(workspaceId);

    const { core, call } = await makeCore({ dataDir });
    const rooms = await call<Room[]>('room.list', { workspaceId: id });
    const delivery = rooms.find((r) => r.name === 'delivery')!;
    expect(delivery.topic).toBe('Weekly status');
    const page = await call<MessagePage>('message.list', { workspaceId: id, roomId: delivery.id });
    expect(page.messages.map((m) => m.text)).toContain('Kick-off notes:\n\n| step | owner |\n| --- | --- |\n| audit | Ada |');
    const attached = await call<{ messageId: string; files: { hash: string }[] }[]>('file.list', { workspaceId: id, roomId: delivery.id });
    const read = await call<{ data: string }>('file.read', { workspaceId: id, hash: attached[0]!.files[0]!.hash });
    expect(Buffer.from(read.data, 'base64').toString()).toBe(FILE_TEXT);
    const dhs = await call<DigitalHuman[]>('dh.list', { workspaceId: id });
    expect(dhs.map((d) => d.name)).toEqual(['Philippe']);
    await core.close();

    // Round trip: an export of the import holds the same docs, byte for byte in their readable form.
    const out2 = path.join(path.dirname(out), 'again.qwanyx.zip');
    expect((await runCliInProcess(dataDir, ['workspace', 'export', id, '--out', out2])).code).toBe(0);
    const second = await readZip(out2);
    const docNames = manifest.docs.map((d) => d.name).filter((n) => n !== 'meta');
    for (const name of docNames) expect(second.get(`docs/${name}.json`), name).toBe(first.get(`docs/${name}.json`));
    const meta1 = JSON.parse(first.get('docs/meta.json')!) as Record<string, unknown>;
    const meta2 = JSON.parse(second.get('docs/meta.json')!) as Record<string, unknown>;
    expect(meta2.rooms).toEqual(meta1.rooms);
    expect(meta2.dhs).toEqual(meta1.dhs);
    expect(second.get(transcriptName)).toBe(transcript);
  });

  it('refuses hostile and damaged archives with a clear error and leaves nothing behind', async () => {
    const { dataDir } = await seed();
    const dir = makeTempDir();
    const good = path.join(dir, 'good.qwanyx.zip');
    expect((await runCliInProcess(dataDir, ['workspace', 'export', 'Acme Corp', '--out', good])).code).toBe(0);
    const entries = await readZip(good);
    const raw = (name: string): Buffer => Buffer.from(entries.get(name)!, name.endsWith('.yjs') ? 'base64' : 'utf8');
    expect([...entries.keys()].some((n) => n.startsWith('files/'))).toBe(true);
    const before = await workspaceNames(dataDir);
    const manifest = JSON.parse(entries.get('manifest.json')!) as Record<string, unknown>;

    const cases: [string, () => Promise<string>, RegExp][] = [
      ['zip slip', async () => {
        const f = path.join(dir, 'slip.zip');
        await writeZip(f, [['manifest.json', raw('manifest.json')], ['xx/evil.txt', Buffer.from('owned')]], ['xx/evil.txt', '../evil.txt']);
        return f;
      }, /path leaves its folder/],
      ['unexpected file', async () => {
        const f = path.join(dir, 'extra.zip');
        await writeZip(f, [['manifest.json', raw('manifest.json')], ['run.sh', Buffer.from('rm -rf ~')]]);
        return f;
      }, /unexpected file: run\.sh/],
      ['zip bomb', async () => {
        const f = path.join(dir, 'bomb.zip');
        await writeZip(f, [['docs/meta.yjs', Buffer.alloc(64 * 1024 * 1024)], ['manifest.json', raw('manifest.json')]]);
        return f;
      }, /zip bomb/],
      ['newer format', async () => {
        const f = path.join(dir, 'newer.zip');
        await writeZip(f, [['manifest.json', Buffer.from(JSON.stringify({ ...manifest, version: 99 }))]]);
        return f;
      }, /newer Qwanyx/],
      ['cut short', async () => {
        const f = path.join(dir, 'short.zip');
        const bytes = fs.readFileSync(good);
        fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
        return f;
      }, /not a readable zip/],
      ['doc changed', async () => {
        const f = path.join(dir, 'changed.zip');
        const list = [...entries.keys()].map((n): [string, Buffer] => [n, n === 'docs/meta.yjs' ? Buffer.concat([raw(n).subarray(0, raw(n).length - 1), Buffer.from([7])]) : raw(n)]);
        await writeZip(f, list);
        return f;
      }, /does not match its checksum/],
      ['file changed', async () => {
        const f = path.join(dir, 'file-changed.zip');
        const list = [...entries.keys()].map((n): [string, Buffer] => [n, n.startsWith('files/') ? Buffer.from('not the file that was attached') : raw(n)]);
        await writeZip(f, list);
        return f;
      }, /file .* does not match its checksum/],
      ['not an export', async () => {
        const f = path.join(dir, 'plain.zip');
        await writeZip(f, [['rooms/notes.md', Buffer.from('# hello')]]);
        return f;
      }, /not a Qwanyx workspace export/],
    ];
    for (const [label, make, message] of cases) {
      const result = await runCliInProcess(dataDir, ['workspace', 'import', await make()]);
      expect(result.code, label).not.toBe(0);
      expect(result.err.join('\n'), label).toMatch(message);
      expect(await workspaceNames(dataDir), label).toEqual(before);
    }
    expect(fs.existsSync(path.join(dir, '..', 'evil.txt'))).toBe(false);
  });
});
