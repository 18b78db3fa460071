/**
 * Tasks of digital humans: lists, subtasks, assignees, due dates and
 * reminders. Owns the `tasks` map of each `dh/<id>` doc.
 */
import { taskChannels, taskEvents, type TaskActor } from '../../../common/contract';
import { ReminderScheduler } from '../../../domain/tasks/ReminderScheduler';
import { TaskService } from '../../../domain/tasks/TaskService';
import { tasksProjection } from '../../../storage/tasks/tasksProjection';
import { defineModule } from '../../FeatureModule';
import { taskCommand } from './taskCommand';
import { roomsModule } from '../rooms/roomsModule';

export const tasksModule = defineModule({
  name: 'tasks',
  channels: taskChannels,
  events: taskEvents,
  cli: [taskCommand],
  docs: [{ doc: 'dh/', rootMaps: ['tasks'], projections: [tasksProjection], synced: true }],
  create: (ctx) => {
    const tasks = new TaskService(ctx.use(roomsModule).context);
    const reminders = new ReminderScheduler({
      workspaces: ctx.workspaces,
      tasks,
      now: ctx.now,
      emit: (p) => ctx.bus.emit('task.reminder', p),
      log: ctx.log,
    });
    // Tasks changed (here or on a teammate's device): reminder times may have moved.
    ctx.bus.on('task.changed', () => reminders.poke());
    return { tasks, reminders };
  },
  handlers: ({ tasks }, ctx) => {
    // Channel calls act as the local user.
    const me = (): TaskActor => ({ kind: 'member', id: ctx.profile.get().userId });
    return {
      'task.list': (i) =>
        tasks.list(i.workspaceId, { dhId: i.dhId, assignee: i.assigneeId, status: i.status, parentId: i.parentId, includeDone: i.includeDone }),
      'task.get': (i) => tasks.get(i.workspaceId, i.taskId),
      'task.create': ({ workspaceId, dhId, ...input }) => tasks.create(workspaceId, dhId, input, me()),
      'task.update': ({ workspaceId, taskId, ...patch }) => tasks.update(workspaceId, taskId, patch, me()),
      'task.delete': (i) => tasks.delete(i.workspaceId, i.taskId, me()),
      'task.decompose': (i) => tasks.decompose(i.workspaceId, i.taskId, i.titles, me()),
    };
  },
  // A one-shot command must not mark reminders as shown: the app on this device would never show them.
  start: ({ reminders }, ctx) => {
    if (ctx.config.shell !== 'cli') reminders.start();
  },
  close: ({ reminders }) => reminders.close(),
});
