import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../tests/fixtures/makeCore';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import type { DigitalHuman, Task } from '../../common/contract';
import { dhDocName } from '../dh/dhDocFormat';

describe('tasks projection', () => {
  it('is rebuilt from the docs when dropped, and survives a restart without a rebuild', async () => {
    const dataDir = makeTempDir();
    const first = await makeCore({ dataDir });
    const ws = (await first.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
    const dh = await first.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Iris' });
    const parent = await first.call<Task>('task.create', { workspaceId: ws, dhId: dh.id, title: 'Launch', dueAt: 5000 });
    await first.call('task.decompose', { workspaceId: ws, taskId: parent.id, titles: ['Write', 'Ship'] });
    const before = await first.call<Task[]>('task.list', { workspaceId: ws, includeDone: true });
    await first.core.close();

    const second = await makeCore({ dataDir });
    const handle = second.core.workspaces.handle(ws);
    expect(handle.projections.ensureDocFresh(dhDocName(dh.id))).toEqual([]);
    expect(await second.call<Task[]>('task.list', { workspaceId: ws, includeDone: true })).toEqual(before);

    // Projections are never the truth: without their tables' rows and state, the docs give them back.
    handle.storage.db.prepare('DELETE FROM tasks').run();
    handle.storage.db.prepare("DELETE FROM projection_state WHERE name LIKE 'dh_tasks:%'").run();
    await second.core.close();
    const third = await makeCore({ dataDir });
    expect(await third.call<Task[]>('task.list', { workspaceId: ws, includeDone: true })).toEqual(before);
    expect(before.map((t) => [t.title, t.parentId === parent.id])).toEqual([
      ['Launch', false],
      ['Write', true],
      ['Ship', true],
    ]);
  });
});
