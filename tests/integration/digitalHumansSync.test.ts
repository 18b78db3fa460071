/**
 * Digital humans and their tasks between two cores through a real relay: a
 * DH created on A appears on B as a member with its handle, its tasks
 * (in its own doc) follow, and edits of different fields of one task made
 * on both sides at once both stay.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Member, Task } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import { eventually, syncStatus } from '../fixtures/syncCores';

describe('digital humans through a relay', () => {
  it('brings a DH, its member entry and its tasks from A to B, and merges concurrent task edits', async () => {
    const { a, b, ws } = await linkedPair();
    const dh = await a.call<DigitalHuman>('dh.create', { workspaceId: ws, template: 'project-coordinator', handle: 'morgan@acme.com' });
    const task = await a.call<Task>('task.create', { workspaceId: ws, dhId: dh.id, title: 'Collect the status of every workstream' });

    const onB = await eventually(() => b.call<DigitalHuman[]>('dh.list', { workspaceId: ws }), (list) => list.length === 1, 'the DH on B');
    expect(onB[0]).toMatchObject({ id: dh.id, name: 'Morgan', handle: 'morgan@acme.com', mentionHandle: 'morgan', persona: dh.persona });
    const members = await b.call<Member[]>('member.list', { workspaceId: ws });
    expect(members.find((m) => m.id === dh.id)).toMatchObject({ kind: 'dh', handle: 'morgan' });
    await eventually(() => b.call<Task[]>('task.list', { workspaceId: ws, dhId: dh.id }), (list) => list.length === 1, 'the task on B');

    await eventually(() => syncStatus(a, ws), (s) => s.state === 'synced' && s.pending === 0, 'A synced');
    await Promise.all([
      a.call('task.update', { workspaceId: ws, taskId: task.id, status: 'doing' }),
      b.call('task.update', { workspaceId: ws, taskId: task.id, notes: 'Ask Bob first' }),
    ]);
    for (const t of [a, b]) {
      await eventually(
        () => t.call<Task>('task.get', { workspaceId: ws, taskId: task.id }),
        (x) => x.status === 'doing' && x.notes === 'Ask Bob first',
        'both edits on both sides',
      );
    }
    const bTask = await b.call<Task>('task.create', { workspaceId: ws, dhId: dh.id, title: 'Book the review meeting' });
    await eventually(() => a.call<Task[]>('task.list', { workspaceId: ws }), (list) => list.some((x) => x.id === bTask.id), "B's task on A");
  });
});
