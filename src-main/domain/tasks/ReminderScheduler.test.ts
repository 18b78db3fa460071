import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../tests/fixtures/makeCore';
import type { DigitalHuman, EventPayload, Task } from '../../common/contract';
import { ReminderScheduler } from './ReminderScheduler';
import { REMINDER_GRACE_MS } from './TaskService';

describe('task reminders', () => {
  it('fires once per task and reminder time on this device, skips done and stale ones, and fires again when moved', async () => {
    const t = await makeCore();
    const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
    const coach = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, template: 'adhd-planning-coach' });
    const base = Date.UTC(2031, 5, 1, 8);
    let now = base;
    const fired: EventPayload<'task.reminder'>[] = [];
    const scheduler = new ReminderScheduler({ workspaces: t.core.workspaces, tasks: t.core.tasks, now: () => now, emit: (p) => fired.push(p), log: () => undefined });
    const create = (title: string, remindAt: number | null, status?: string): Promise<Task> =>
      t.call<Task>('task.create', { workspaceId: ws, dhId: coach.id, title, remindAt, ...(status ? { status } : {}) });
    const soon = await create('Take the pills', base + 60_000);
    await create('Already done', base + 30_000, 'done');
    await create('Long forgotten', base - REMINDER_GRACE_MS - 1);
    await create('No reminder', null);

    expect(scheduler.check()).toEqual([]);
    expect(t.core.tasks.nextReminderAfter(ws, now)).toBe(base + 60_000);
    now = base + 61_000;
    expect(scheduler.check().map((r) => r.title)).toEqual(['Take the pills']);
    expect(fired).toEqual([{ workspaceId: ws, taskId: soon.id, title: 'Take the pills', dhId: coach.id }]);
    // Never twice, not even after a restart of the scheduler (the record is in the workspace db).
    expect(scheduler.check()).toEqual([]);
    const again = new ReminderScheduler({ workspaces: t.core.workspaces, tasks: t.core.tasks, now: () => now, emit: (p) => fired.push(p), log: () => undefined });
    expect(again.check()).toEqual([]);
    // Snoozed to a new time: it reminds again then.
    await t.call('task.update', { workspaceId: ws, taskId: soon.id, remindAt: base + 120_000 });
    expect(scheduler.check()).toEqual([]);
    now = base + 121_000;
    expect(scheduler.check().map((r) => r.taskId)).toEqual([soon.id]);
    expect(fired).toHaveLength(2);
  });

  it('wakes on its own at the reminder time, told early by a task change', async () => {
    const t = await makeCore();
    const ws = (await t.call<{ id: string }>('workspace.create', { name: 'Acme', kind: 'team' })).id;
    const coach = await t.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Juno' });
    const fired: EventPayload<'task.reminder'>[] = [];
    const scheduler = new ReminderScheduler({ workspaces: t.core.workspaces, tasks: t.core.tasks, now: Date.now, emit: (p) => fired.push(p), log: () => undefined });
    scheduler.start();
    try {
      await t.call<Task>('task.create', { workspaceId: ws, dhId: coach.id, title: 'Stand up and stretch', remindAt: Date.now() + 1200 });
      scheduler.poke();
      await expect.poll(() => fired.map((f) => f.title), { timeout: 15_000, interval: 100 }).toEqual(['Stand up and stretch']);
    } finally {
      scheduler.close();
    }
  });
});
