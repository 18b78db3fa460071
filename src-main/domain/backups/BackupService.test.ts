import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import { workspaceSchema } from '../../core/modules/workspaceSchema';
import { newId } from '../../core/newId';
import { MemorySecretStore } from '../../secrets/MemorySecretStore';
import { AppRegistry } from '../../storage/AppRegistry';
import { workspaceDbPath } from '../../storage/workspacePaths';
import { WorkspaceService } from '../WorkspaceService';
import { BackupService } from './BackupService';

const MINUTE = 60_000;
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function setup(): { backups: BackupService; workspaces: WorkspaceService; dataDir: string; advance: (ms: number) => void; changed: string[] } {
  const dataDir = makeTempDir();
  const registry = AppRegistry.open(dataDir);
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const workspaces = new WorkspaceService({ dataDir, registry, secrets: new MemorySecretStore(), schema: workspaceSchema, now, newId, onListChanged: () => undefined });
  closers.push(() => {
    workspaces.close();
    registry.close();
  });
  const changed: string[] = [];
  const backups = new BackupService({ dataDir, registry, workspaces, now, log: () => undefined, onChanged: (id) => changed.push(id), pagesPerStep: 8 });
  return { backups, workspaces, dataDir, advance: (ms) => (offset += ms), changed };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('BackupService', () => {
  it('takes a snapshot per pass only of workspaces that changed, once the interval is over, and rotates them', async () => {
    const { backups, workspaces, advance, changed } = setup();
    const a = workspaces.create({ name: 'Acme Corp', kind: 'team' }).id;
    const b = workspaces.create({ name: 'Beta Ltd', kind: 'team' }).id;
    // B is closed: it is copied through a connection of its own.
    workspaces.release(b);
    await sleep(20);
    await backups.runPass();
    expect(backups.list(a)).toHaveLength(1);
    expect(backups.list(b)).toHaveLength(1);
    expect(changed.sort()).toEqual([a, b].sort());

    await sleep(20);
    workspaces.rename(a, 'Acme Industries');
    advance(10 * MINUTE);
    await backups.runPass();
    expect(backups.list(a)).toHaveLength(1);

    advance(60 * MINUTE);
    await backups.runPass();
    expect(backups.list(a)).toHaveLength(2);
    expect(backups.list(b)).toHaveLength(1);

    // Keeping only the newest: the next pass removes the older one.
    backups.setSchedule({ intervalMinutes: 60, hourly: 0, daily: 0, weekly: 0 });
    advance(60 * MINUTE);
    await backups.runPass();
    expect(backups.list(a)).toHaveLength(1);
    expect(backups.totalBytes()).toBe(backups.list(a)[0]!.bytes + backups.list(b)[0]!.bytes);
  });

  it('restores the chosen snapshot, keeps the current file aside and reports when it last changed', async () => {
    const { backups, workspaces, dataDir, advance } = setup();
    const a = workspaces.create({ name: 'Acme Corp', kind: 'team' }).id;
    const first = await backups.create(a);
    advance(MINUTE);
    workspaces.rename(a, 'Acme Industries');
    const second = await backups.create(a);
    advance(MINUTE);
    workspaces.rename(a, 'Acme Holdings');

    const restored = await backups.restore(a, first.id);
    expect(restored.snapshot.id).toBe(first.id);
    expect(restored.previousChangedAt).toBeGreaterThan(first.takenAt - MINUTE);
    expect(fs.existsSync(`${restored.movedAsideTo}/workspace.db`)).toBe(true);
    expect(workspaces.handle(a).docs.doc('meta').getMap('settings').get('name')).toBe('Acme Corp');
    expect((await backups.restore(a)).snapshot.id).toBe(second.id);
    expect(workspaces.handle(a).docs.doc('meta').getMap('settings').get('name')).toBe('Acme Industries');
    await expect(backups.restore(a, '20200101T000000000Z')).rejects.toThrow(/No snapshot 20200101T000000000Z/);
    expect(await backups.check(a)).toMatchObject({ ok: true, damaged: false, latestSnapshot: { id: second.id } });
    expect(fs.existsSync(workspaceDbPath(dataDir, a))).toBe(true);

    // A restore asked for while a snapshot runs waits for it, then restores that newest one.
    advance(MINUTE);
    const running = backups.create(a);
    const during = await backups.restore(a);
    expect(during.snapshot.id).toBe((await running).id);
  });

  it('marks a workspace damaged when its copy fails the check, and takes no snapshot of it', async () => {
    const { backups, workspaces, dataDir } = setup();
    const a = workspaces.create({ name: 'Acme Corp', kind: 'team' }).id;
    workspaces.release(a);
    fs.truncateSync(workspaceDbPath(dataDir, a), 0);
    await expect(backups.create(a)).rejects.toMatchObject({ code: 'WORKSPACE_DAMAGED' });
    expect(workspaces.damage(a)?.reason).toBe('the database file is empty (zero bytes)');
    await backups.runPass();
    expect(backups.list(a)).toEqual([]);
    expect(() => workspaces.handle(a)).toThrow(/is damaged and was closed: the database file is empty/);
  });
});
