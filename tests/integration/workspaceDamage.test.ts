/**
 * A damaged workspace file never costs its history: with real files whose
 * pages are overwritten in the middle, cut short, or emptied, the core and
 * the CLI start, the other workspace works, the damaged one is reported
 * (WORKSPACE_DAMAGED, `qwanyx workspace check`), and `qwanyx backup restore`
 * brings it back as of its snapshot; the damaged file is kept aside.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessagePage, RestoreResult, Room, Snapshot, Workspace, WorkspaceCheck } from '../../src-main/common/contract';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { makeCore } from '../fixtures/makeCore';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';

const BEFORE = 120;
const AFTER = 5;
const FILLER = 'The quarterly figures of the client are in the shared folder, reviewed line by line. '.repeat(8);

interface Seeded {
  dataDir: string;
  acme: string;
  acmeRoom: string;
  beta: string;
  betaRoom: string;
}

async function post(call: <T>(c: string, i?: unknown) => Promise<T>, workspaceId: string, roomId: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) await call('message.post', { workspaceId, roomId, text: `Note ${i}: ${FILLER}` });
}

/** Two workspaces with messages; a snapshot of Acme, then more messages in Acme that the snapshot does not hold. */
async function seed(): Promise<Seeded> {
  const dataDir = makeTempDir();
  const { core, call } = await makeCore({ dataDir });
  const acme = (await call<Workspace>('workspace.create', { name: 'Acme Corp' })).id;
  const beta = (await call<Workspace>('workspace.create', { name: 'Beta Ltd' })).id;
  const acmeRoom = (await call<Room>('room.create', { workspaceId: acme, name: 'general' })).id;
  const betaRoom = (await call<Room>('room.create', { workspaceId: beta, name: 'general' })).id;
  await post(call, acme, acmeRoom, 0, BEFORE);
  await post(call, beta, betaRoom, 0, 10);
  const snapshot = await call<Snapshot>('backup.create', { workspaceId: acme });
  expect(snapshot.bytes).toBeGreaterThan(100_000);
  await post(call, acme, acmeRoom, BEFORE, AFTER);
  await core.close();
  // Closed cleanly: everything is in the main file, no log beside it to mask the damage.
  expect(fs.existsSync(`${workspaceDbPath(dataDir, acme)}-wal`)).toBe(false);
  return { dataDir, acme, acmeRoom, beta, betaRoom };
}

const damages: [string, (file: string) => void][] = [
  [
    'pages overwritten in the middle',
    (file) => {
      const size = fs.statSync(file).size;
      const pageSize = 4096;
      const first = Math.floor(size / pageSize / 3);
      const garbage = Buffer.alloc(pageSize * Math.max(4, Math.floor(size / pageSize / 3)));
      for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 17) % 251;
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, garbage, 0, garbage.length, first * pageSize);
      fs.closeSync(fd);
    },
  ],
  ['a truncated file', (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))],
  ['a zero-length file', (file) => fs.truncateSync(file, 0)],
];

describe('a damaged workspace file', () => {
  it.each(damages)('with %s is reported, contained and restored from its snapshot', async (_name, damage) => {
    const { dataDir, acme, acmeRoom, beta, betaRoom } = await seed();
    const file = workspaceDbPath(dataDir, acme);
    damage(file);
    const damagedSize = fs.statSync(file).size;

    // The core starts; the other workspace works; the damaged one never answers with an internal error.
    const first = await makeCore({ dataDir });
    const opened = await first.core.dispatch('workspace.open', { id: acme });
    const listed = await first.core.dispatch('message.list', { workspaceId: acme, roomId: acmeRoom, limit: 200 });
    for (const result of [opened, listed]) if (!result.ok) expect(result.error.code).toBe('WORKSPACE_DAMAGED');
    const check = await first.call<WorkspaceCheck>('workspace.check', { id: acme });
    expect(check).toMatchObject({ ok: false, damaged: true, latestSnapshot: { workspaceId: acme } });
    expect(check.problems.length).toBeGreaterThan(0);
    const refused = await first.core.dispatch('message.list', { workspaceId: acme, roomId: acmeRoom });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('WORKSPACE_DAMAGED');
      expect(refused.error.message).toContain('Acme Corp');
      expect(refused.error.message).toContain(`qwanyx backup restore --workspace ${acme}`);
    }
    const betaPage = await first.call<MessagePage>('message.list', { workspaceId: beta, roomId: betaRoom, limit: 50 });
    expect(betaPage.messages).toHaveLength(10);
    await first.call('message.post', { workspaceId: beta, roomId: betaRoom, text: 'Still working' });
    expect((await first.call<Workspace[]>('workspace.list', { includeArchived: true })).map((w) => w.name)).toEqual(['Personal', 'Acme Corp', 'Beta Ltd']);
    await first.core.close();
    // Nothing was written to the damaged file.
    expect(fs.statSync(file).size).toBe(damagedSize);

    // The CLI starts too, reports it, lists its snapshot and restores it.
    const checked = await runCliInProcess(dataDir, ['workspace', 'check', 'Acme Corp']);
    expect(checked.code).toBe(1);
    expect(checked.err.join('\n')).toMatch(new RegExp(`Workspace ${acme} is damaged: .+ To restore its latest snapshot .+, run: qwanyx backup restore --workspace ${acme}`));
    const betaCheck = await runCliInProcess(dataDir, ['workspace', 'check', beta]);
    expect(betaCheck.code, betaCheck.err.join()).toBe(0);
    expect(betaCheck.out[0]).toContain('is sound');
    const list = await runCliInProcess(dataDir, ['backup', 'list', '--workspace', 'Acme Corp']);
    expect(list.code, list.err.join()).toBe(0);
    expect(list.out).toHaveLength(2);
    // The schedule names the folder and each workspace's share of the space.
    const schedule = await runCliInProcess(dataDir, ['backup', 'schedule']);
    expect(schedule.code, schedule.err.join()).toBe(0);
    expect(schedule.out[1]).toContain(path.join(dataDir, 'backups'));
    expect(schedule.out.some((line) => /^ {2}Acme Corp: 1 snapshot, /.test(line))).toBe(true);
    const restored = await runCliInProcess(dataDir, ['backup', 'restore', '--workspace', 'Acme Corp', '--json']);
    expect(restored.code, restored.err.join()).toBe(0);
    const result = JSON.parse(restored.out[0]!) as RestoreResult;
    expect(result.movedAsideTo).not.toBeNull();
    // The damaged file is kept aside, as it was.
    expect(fs.statSync(path.join(result.movedAsideTo!, 'workspace.db')).size).toBe(damagedSize);

    // Data as of the snapshot, verified; the other workspace kept its new message.
    const after = await makeCore({ dataDir });
    expect(await after.call<WorkspaceCheck>('workspace.check', { id: acme })).toMatchObject({ ok: true, damaged: false, problems: [] });
    const page = await after.call<MessagePage>('message.list', { workspaceId: acme, roomId: acmeRoom, limit: 200 });
    expect(page.messages).toHaveLength(BEFORE);
    expect(page.messages.map((m) => m.text.split(':')[0])).toContain(`Note ${BEFORE - 1}`);
    expect(page.messages.map((m) => m.text.split(':')[0])).not.toContain(`Note ${BEFORE}`);
    await after.call('message.post', { workspaceId: acme, roomId: acmeRoom, text: 'Back to work' });
    expect((await after.call<MessagePage>('message.list', { workspaceId: beta, roomId: betaRoom, limit: 50 })).messages).toHaveLength(11);
  });
});
