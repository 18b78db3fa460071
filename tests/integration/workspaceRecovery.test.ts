/**
 * What is readable of a damaged workspace file comes back into a new
 * workspace (`qwanyx workspace recover`), with real files: pages of the
 * message projection overwritten (every message back), pages of the Yjs log
 * overwritten (the readable ones back, never garbage), a foreign file with the
 * right name (reported, nothing to recover, the snapshot restores it), and a
 * damaged or missing `-wal` (the file stays consistent: a prefix of what was
 * written, never a mix).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessagePage, RecoverResult, Room, Snapshot, Workspace, WorkspaceCheck } from '../../src-main/common/contract';
import { openSqlite } from '../../src-main/storage/openSqlite';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';

const COUNT = 150;
const FILLER = 'The quarterly figures of the client are in the shared folder, reviewed line by line. '.repeat(6);
const PAGE = 4096;

interface Seeded {
  dataDir: string;
  acme: string;
  room: string;
  beta: string;
}

async function post(t: TestCore, ws: string, room: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) await t.call('message.post', { workspaceId: ws, roomId: room, text: `Note ${i}: ${FILLER}` });
}

async function seed(): Promise<Seeded> {
  const dataDir = makeTempDir();
  const t = await makeCore({ dataDir });
  const acme = (await t.call<Workspace>('workspace.create', { name: 'Acme Corp' })).id;
  const beta = (await t.call<Workspace>('workspace.create', { name: 'Beta Ltd' })).id;
  const room = (await t.call<Room>('room.create', { workspaceId: acme, name: 'general' })).id;
  await post(t, acme, room, 0, COUNT);
  await t.core.close();
  return { dataDir, acme, room, beta };
}

/** The pages of the tables and indexes `names` in a closed database file. */
function pagesOf(file: string, names: string[]): number[] {
  const db = openSqlite(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT pageno FROM dbstat WHERE name IN (${names.map(() => '?').join(',')})`).all(...names) as { pageno: number }[];
    return rows.map((r) => r.pageno).sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

function overwritePages(file: string, pages: number[]): void {
  const fd = fs.openSync(file, 'r+');
  try {
    for (const page of pages) {
      const garbage = Buffer.alloc(PAGE);
      for (let i = 0; i < PAGE; i++) garbage[i] = (i * 131 + page * 7 + 17) % 251;
      fs.writeSync(fd, garbage, 0, PAGE, (page - 1) * PAGE);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The numbers of the notes on `page`, each checked whole, in ascending order (two posts in one millisecond list in either order). */
function noteNumbers(page: MessagePage): number[] {
  return page.messages
    .map((m) => {
    expect(m.text).toMatch(/^Note \d+: The quarterly figures/);
    expect(m.text.endsWith(FILLER)).toBe(true);
      return Number(/^Note (\d+)/.exec(m.text)![1]);
    })
    .sort((a, b) => a - b);
}

async function recover(dataDir: string, name: string): Promise<RecoverResult> {
  const run = await runCliInProcess(dataDir, ['workspace', 'recover', name, '--json']);
  expect(run.code, run.err.join('\n')).toBe(0);
  return JSON.parse(run.out[0]!) as RecoverResult;
}

describe('recovering what is readable of a damaged workspace file', () => {
  it('brings every message back when only pages of the message projection are overwritten', async () => {
    const { dataDir, acme, room } = await seed();
    const file = workspaceDbPath(dataDir, acme);
    const projection = pagesOf(file, ['messages', 'messages_fts_data']);
    expect(projection.length).toBeGreaterThan(4);
    overwritePages(file, projection.slice(1, 5));
    const before = fs.readFileSync(file);

    const check = await runCliInProcess(dataDir, ['workspace', 'check', 'Acme Corp']);
    expect(check.code).toBe(1);
    expect(check.err.join('\n')).toContain(`or copy what is still readable into a new workspace (qwanyx workspace recover ${acme})`);
    const listed = await runCliInProcess(dataDir, ['workspace', 'list']);
    expect(listed.out.find((line) => line.includes('Acme Corp'))).toContain(`DAMAGED: qwanyx workspace check ${acme}`);
    expect(listed.out.find((line) => line.includes('Beta Ltd'))).not.toContain('DAMAGED');
    const done = await recover(dataDir, 'Acme Corp');
    expect(done).toMatchObject({ fromWorkspaceId: acme, workspace: { name: 'Acme Corp (recovered)' } });
    expect(done.docs).toBeGreaterThanOrEqual(2);

    const t = await makeCore({ dataDir });
    const rooms = await t.call<Room[]>('room.list', { workspaceId: done.workspace.id });
    expect(rooms.map((r) => r.id)).toContain(room);
    const page = await t.call<MessagePage>('message.list', { workspaceId: done.workspace.id, roomId: room, limit: 200 });
    expect(noteNumbers(page)).toEqual([...Array(COUNT).keys()]);
    expect((await t.call<Workspace[]>('workspace.list', {})).map((w) => w.name)).toContain('Acme Corp (recovered)');
    // The recovered workspace is a working one.
    await t.call('message.post', { workspaceId: done.workspace.id, roomId: room, text: 'Back to work' });
    expect(await t.call<WorkspaceCheck>('workspace.check', { id: done.workspace.id })).toMatchObject({ ok: true });
    // The damaged file was only read.
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('brings back the readable rows of a log whose pages are overwritten, and nothing garbled', async () => {
    const { dataDir, acme, room } = await seed();
    // Closing folded the first COUNT into the doc's snapshot; LATER more stay in the log as rows of their own.
    const LATER = 60;
    const t = await makeCore({ dataDir });
    await post(t, acme, room, COUNT, LATER);
    await t.core.close();
    const file = workspaceDbPath(dataDir, acme);
    const log = pagesOf(file, ['updates']);
    expect(log.length).toBeGreaterThan(8);
    overwritePages(file, log.slice(Math.floor(log.length / 2), Math.floor(log.length / 2) + 3));

    const done = await recover(dataDir, acme);
    expect(done.skipped).toBeGreaterThan(0);
    const after = await makeCore({ dataDir });
    const numbers = noteNumbers(await after.call<MessagePage>('message.list', { workspaceId: done.workspace.id, roomId: room, limit: 200 }));
    // The snapshot whole, and every later row that was readable: the ones after a lost row show too.
    expect(numbers.slice(0, COUNT)).toEqual([...Array(COUNT).keys()]);
    expect(numbers.length).toBeGreaterThan(COUNT + LATER / 2);
    expect(numbers.length).toBeLessThan(COUNT + LATER);
    expect(numbers.at(-1)).toBe(COUNT + LATER - 1);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('reports a foreign file with the right name, recovers nothing from it and restores the snapshot', async () => {
    const { dataDir, acme, room, beta } = await seed();
    const t = await makeCore({ dataDir });
    await t.call<Snapshot>('backup.create', { workspaceId: acme });
    await t.core.close();
    const file = workspaceDbPath(dataDir, acme);
    // Another program's SQLite database, under the workspace's name.
    fs.rmSync(file);
    const foreign = openSqlite(file);
    foreign.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('beach.jpg')");
    foreign.close();

    const first = await makeCore({ dataDir });
    const opened = await first.core.dispatch('message.list', { workspaceId: acme, roomId: room });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.code).toBe('WORKSPACE_DAMAGED');
    expect(await first.call<{ workspaceId: string }[]>('workspace.damagedList', {})).toEqual([expect.objectContaining({ workspaceId: acme })]);
    // The other workspace works.
    const ops = await first.call<Room>('room.create', { workspaceId: beta, name: 'ops' });
    await first.call('message.post', { workspaceId: beta, roomId: ops.id, text: 'Still working' });
    await first.core.close();

    const nothing = await runCliInProcess(dataDir, ['workspace', 'recover', 'Acme Corp']);
    expect(nothing.code).toBe(1);
    expect(nothing.err.join('\n')).toMatch(/Nothing of workspace “Acme Corp” can be read: .*qwanyx backup restore --workspace/);
    const restored = await runCliInProcess(dataDir, ['backup', 'restore', '--workspace', 'Acme Corp']);
    expect(restored.code, restored.err.join('\n')).toBe(0);
    const after = await makeCore({ dataDir });
    expect((await after.call<MessagePage>('message.list', { workspaceId: acme, roomId: room, limit: 200 })).messages).toHaveLength(COUNT);
  });

  it('with a missing -wal file that held the whole workspace, it is reported and restored from its snapshot', async () => {
    const { dataDir, file, acme, room } = await crashedWithLog();
    fs.rmSync(`${file}-wal`);
    const after = await makeCore({ dataDir });
    expect(await after.call<WorkspaceCheck>('workspace.check', { id: acme })).toMatchObject({ ok: false, damaged: true });
    const refused = await after.core.dispatch('room.list', { workspaceId: acme });
    expect(refused.ok === false && refused.error.message).toMatch(/holds no tables \(its -wal log, which held them, is missing or unreadable\)/);
    await after.call('backup.restore', { workspaceId: acme });
    expect(noteNumbers(await after.call<MessagePage>('message.list', { workspaceId: acme, roomId: room, limit: 200 }))).toEqual([...Array(20).keys()]);
  });

  it('with a damaged -wal file, the workspace opens consistent: a prefix of what was written', async () => {
    const { dataDir, file, acme, room } = await crashedWithLog();
    // Frames in the middle of the log overwritten: their checksums fail, and SQLite stops reading the log there.
    const size = fs.statSync(`${file}-wal`).size;
    const fd = fs.openSync(`${file}-wal`, 'r+');
    fs.writeSync(fd, Buffer.alloc(3 * PAGE, 0x5a), 0, 3 * PAGE, Math.floor(size * 0.8));
    fs.closeSync(fd);
    const after = await makeCore({ dataDir });
    expect(await after.call<WorkspaceCheck>('workspace.check', { id: acme })).toMatchObject({ ok: true, damaged: false });
    const numbers = noteNumbers(await after.call<MessagePage>('message.list', { workspaceId: acme, roomId: room, limit: 200 }));
    expect(numbers).toEqual([...Array(numbers.length).keys()]);
    expect(numbers.length).toBeLessThan(40);
    await after.call('message.post', { workspaceId: acme, roomId: room, text: 'Back to work' });
  });
});

/** What a crash leaves: 40 messages (a snapshot after 20) in a log not yet checkpointed into the main file. */
async function crashedWithLog(): Promise<{ dataDir: string; file: string; acme: string; room: string }> {
  const dataDir = makeTempDir();
  const t = await makeCore({ dataDir });
  const acme = (await t.call<Workspace>('workspace.create', { name: 'Acme Corp' })).id;
  const room = (await t.call<Room>('room.create', { workspaceId: acme, name: 'general' })).id;
  await post(t, acme, room, 0, 20);
  await t.call<Snapshot>('backup.create', { workspaceId: acme });
  await post(t, acme, room, 20, 20);
  const file = workspaceDbPath(dataDir, acme);
  const saved = makeTempDir();
  for (const name of ['workspace.db', 'workspace.db-wal']) fs.copyFileSync(path.join(path.dirname(file), name), path.join(saved, name));
  await t.core.close();
  for (const name of ['workspace.db', 'workspace.db-wal']) fs.copyFileSync(path.join(saved, name), path.join(path.dirname(file), name));
  fs.rmSync(`${file}-shm`, { force: true });
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(10 * PAGE);
  return { dataDir, file, acme, room };
}
