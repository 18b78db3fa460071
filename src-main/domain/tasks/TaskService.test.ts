import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/fixtures/makeCore';
import { addPeerMember, writeAsPeer } from '../../../tests/fixtures/roomPeers';
import type { DigitalHuman, Profile, Task } from '../../common/contract';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { writeTaskRecord } from '../../storage/tasks/taskDocFormat';

interface Setup {
  t: TestCore;
  ws: string;
  me: Profile;
  coach: DigitalHuman;
  ops: DigitalHuman;
}

async function setup(): Promise<Setup> {
  const t = await makeCore();
  const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
  const me = await t.call<Profile>('profile.get', {});
  const coach = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, template: 'adhd-planning-coach' });
  const ops = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, template: 'devops-assistant' });
  return { t, ws, me, coach, ops };
}

async function failure(t: TestCore, channel: string, input: unknown): Promise<string> {
  const result = await t.core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} should have failed`);
  return result.error.code;
}

describe('tasks', () => {
  it('creates tasks in a DH list with every field, and lists them per DH, assignee and status', async () => {
    const { t, ws, me, coach, ops } = await setup();
    const due = Date.UTC(2030, 0, 15, 9);
    const a = await t.call<Task>('task.create', {
      workspaceId: ws,
      dhId: coach.id,
      title: 'File the tax return',
      notes: 'Forms are in the blue folder',
      assignee: { kind: 'member', id: me.userId },
      dueAt: due,
      remindAt: due - 3_600_000,
      sourceRoomId: 'room1',
      sourceMessageId: 'msg1',
    });
    expect(a).toMatchObject({
      dhId: coach.id,
      title: 'File the tax return',
      notes: 'Forms are in the blue folder',
      status: 'todo',
      assignee: { kind: 'member', id: me.userId },
      dueAt: due,
      remindAt: due - 3_600_000,
      parentId: null,
      createdBy: { kind: 'member', id: me.userId },
      sourceRoomId: 'room1',
      sourceMessageId: 'msg1',
      subtasks: { total: 0, done: 0 },
    });
    const b = await t.call<Task>('task.create', { workspaceId: ws, dhId: ops.id, title: 'Rotate the TLS certificate', assignee: { kind: 'dh', id: coach.id } });
    const c = await t.call<Task>('task.create', { workspaceId: ws, dhId: ops.id, title: 'Old chore', status: 'done' });
    const list = (input: object): Promise<string[]> => t.call<Task[]>('task.list', { workspaceId: ws, ...input }).then((l) => l.map((x) => x.id));
    expect(await list({})).toEqual([a.id, b.id]);
    expect(await list({ includeDone: true })).toEqual([a.id, b.id, c.id]);
    // A DH's view holds its own list and what is assigned to it.
    expect(await list({ dhId: coach.id })).toEqual([a.id, b.id]);
    expect(await list({ dhId: ops.id, includeDone: true })).toEqual([b.id, c.id]);
    expect(await list({ assigneeId: me.userId })).toEqual([a.id]);
    expect(await list({ status: 'done' })).toEqual([c.id]);
    expect(a.order).toBeLessThan(b.order);
  });

  it('moves tasks across the board and reorders them within a column', async () => {
    const { t, ws, coach } = await setup();
    const tasks: Task[] = [];
    for (const title of ['One', 'Two', 'Three']) tasks.push(await t.call<Task>('task.create', { workspaceId: ws, dhId: coach.id, title }));
    const moved = await t.call<Task>('task.update', { workspaceId: ws, taskId: tasks[2]!.id, order: (tasks[0]!.order + tasks[1]!.order) / 2 });
    expect(moved.updatedAt).toBeGreaterThanOrEqual(tasks[2]!.updatedAt);
    expect((await t.call<Task[]>('task.list', { workspaceId: ws })).map((x) => x.title)).toEqual(['One', 'Three', 'Two']);
    await t.call<Task>('task.update', { workspaceId: ws, taskId: tasks[0]!.id, status: 'doing' });
    expect((await t.call<Task[]>('task.list', { workspaceId: ws, status: 'doing' })).map((x) => x.title)).toEqual(['One']);
    const done = await t.call<Task>('task.update', { workspaceId: ws, taskId: tasks[0]!.id, status: 'done', title: 'One, finished', dueAt: null });
    expect(done).toMatchObject({ status: 'done', title: 'One, finished' });
    expect((await t.call<Task[]>('task.list', { workspaceId: ws })).map((x) => x.title)).toEqual(['Three', 'Two']);
  });

  it('assigns to members and DHs only, and refuses lists that do not exist or are archived', async () => {
    const { t, ws, me, coach, ops } = await setup();
    addPeerMember(t, ws, 'ada', 'Ada');
    const task = await t.call<Task>('task.create', { workspaceId: ws, dhId: coach.id, title: 'Plan the week' });
    expect((await t.call<Task>('task.update', { workspaceId: ws, taskId: task.id, assignee: { kind: 'member', id: 'ada' } })).assignee).toEqual({ kind: 'member', id: 'ada' });
    expect(t.core.tasks.assign(ws, task.id, { kind: 'dh', id: ops.id }, { kind: 'dh', id: coach.id }).assignee).toEqual({ kind: 'dh', id: ops.id });
    expect((await t.call<Task>('task.update', { workspaceId: ws, taskId: task.id, assignee: null })).assignee).toBeNull();
    expect(await failure(t, 'task.update', { workspaceId: ws, taskId: task.id, assignee: { kind: 'dh', id: me.userId } })).toBe('VALIDATION');
    expect(await failure(t, 'task.update', { workspaceId: ws, taskId: task.id, assignee: { kind: 'member', id: 'stranger' } })).toBe('VALIDATION');
    expect(await failure(t, 'task.create', { workspaceId: ws, dhId: 'nobody', title: 'x' })).toBe('NOT_FOUND');
    await t.call('dh.archive', { workspaceId: ws, dhId: ops.id });
    expect(await failure(t, 'task.create', { workspaceId: ws, dhId: ops.id, title: 'x' })).toBe('VALIDATION');
    expect(await failure(t, 'task.create', { workspaceId: ws, dhId: coach.id, title: '  ' })).toBe('VALIDATION');
    expect(await failure(t, 'task.create', { workspaceId: ws, dhId: coach.id, title: 'x'.repeat(501) })).toBe('VALIDATION');
    expect(await failure(t, 'task.update', { workspaceId: ws, taskId: 'missing', title: 'x' })).toBe('NOT_FOUND');
  });

  it('decomposes a task into ordered subtasks in the same list and counts them on the parent', async () => {
    const { t, ws, me, coach, ops } = await setup();
    const parent = await t.call<Task>('task.create', { workspaceId: ws, dhId: coach.id, title: 'Clean the flat', assignee: { kind: 'member', id: me.userId } });
    const subtasks = await t.call<Task[]>('task.decompose', { workspaceId: ws, taskId: parent.id, titles: ['Clear the table', 'Run the dishwasher', 'Vacuum the living room'] });
    expect(subtasks.map((s) => [s.title, s.parentId, s.dhId, s.assignee?.id])).toEqual([
      ['Clear the table', parent.id, coach.id, me.userId],
      ['Run the dishwasher', parent.id, coach.id, me.userId],
      ['Vacuum the living room', parent.id, coach.id, me.userId],
    ]);
    await t.call('task.update', { workspaceId: ws, taskId: subtasks[0]!.id, status: 'done' });
    expect((await t.call<Task>('task.get', { workspaceId: ws, taskId: parent.id })).subtasks).toEqual({ total: 3, done: 1 });
    expect((await t.call<Task[]>('task.list', { workspaceId: ws, parentId: null })).map((x) => x.id)).toEqual([parent.id]);
    expect((await t.call<Task[]>('task.list', { workspaceId: ws, parentId: parent.id })).map((x) => x.title)).toEqual(['Run the dishwasher', 'Vacuum the living room']);
    // A subtask created with another DH's id still goes to its parent's list.
    const extra = await t.call<Task>('task.create', { workspaceId: ws, dhId: ops.id, title: 'Take out the trash', parentId: parent.id });
    expect(extra.dhId).toBe(coach.id);
    // No cycles.
    expect(await failure(t, 'task.update', { workspaceId: ws, taskId: parent.id, parentId: subtasks[1]!.id })).toBe('VALIDATION');
    expect(await failure(t, 'task.update', { workspaceId: ws, taskId: parent.id, parentId: parent.id })).toBe('VALIDATION');
    expect(await failure(t, 'task.decompose', { workspaceId: ws, taskId: parent.id, titles: [] })).toBe('VALIDATION');

    expect(await t.call('task.delete', { workspaceId: ws, taskId: parent.id })).toEqual({ id: parent.id });
    expect(await t.call<Task[]>('task.list', { workspaceId: ws, includeDone: true })).toEqual([]);
    const doc = t.core.workspaces.handle(ws).docs.doc(dhDocName(coach.id));
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).not.toContain('dishwasher');
  });

  it('writes as an agent when a DH acts, and as the local user otherwise', async () => {
    const { t, ws, coach } = await setup();
    const origins: string[] = [];
    t.core.workspaces.handle(ws).docs.onChange((c) => {
      if (c.docName === dhDocName(coach.id)) origins.push(`${c.origin.source}:${c.origin.actor ?? ''}`);
    });
    const task = t.core.tasks.create(ws, coach.id, { title: 'Remind Ana about the invoice' }, { kind: 'dh', id: coach.id });
    expect(task.createdBy).toEqual({ kind: 'dh', id: coach.id });
    await t.call('task.update', { workspaceId: ws, taskId: task.id, status: 'doing' });
    expect(origins[0]).toBe(`agent:${coach.id}`);
    expect(origins[1]).toMatch(/^local:/);
  });

  it('follows a teammate editing a task field while this device edits another', async () => {
    const { t, ws, coach } = await setup();
    const task = await t.call<Task>('task.create', { workspaceId: ws, dhId: coach.id, title: 'Draft the proposal' });
    writeAsPeer(t, ws, dhDocName(coach.id), (doc) => (doc.getMap('tasks').get(task.id) as Y.Map<unknown>).set('notes', 'Use the 2024 template'));
    const updated = await t.call<Task>('task.update', { workspaceId: ws, taskId: task.id, status: 'blocked' });
    expect(updated).toMatchObject({ notes: 'Use the 2024 template', status: 'blocked', title: 'Draft the proposal' });
    // A task a peer wrote arrives in the list; a malformed one is ignored.
    writeAsPeer(t, ws, dhDocName(coach.id), (doc) => {
      writeTaskRecord(doc.getMap('tasks'), {
        id: 'peer1',
        title: 'From a teammate',
        notes: '',
        status: 'todo',
        assignee: null,
        dueAt: null,
        remindAt: null,
        parentId: null,
        createdBy: { kind: 'member', id: 'ada' },
        createdAt: 5,
        updatedAt: 5,
        order: 5,
        sourceRoomId: null,
        sourceMessageId: null,
      });
      const bad = new Y.Map<unknown>();
      bad.set('title', 'No creator');
      doc.getMap('tasks').set('bad', bad);
    });
    expect((await t.call<Task[]>('task.list', { workspaceId: ws })).map((x) => x.id)).toEqual(['peer1', task.id]);
  });
});
