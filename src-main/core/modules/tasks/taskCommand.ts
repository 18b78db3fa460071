/** `qwanyx task create|list|done`: tasks of a workspace's digital humans. */
import type { Task, TaskActor } from '../../../common/contract';
import type { Core } from '../../Core';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliCommandError, CliUsageError } from '../../cli/CliError';
import { resolveDh, resolveWorkspace } from '../../cli/resolveTargets';

/** One line for a task: `[doing] Title  <id>  (Juno's list, due 2024-05-01, for Ada, 1/3 subtasks)`. */
export function describeTask(task: Task, names: ReadonlyMap<string, string>): string {
  const extras = [`${names.get(task.dhId) ?? 'unknown'}'s list`];
  if (task.dueAt !== null) extras.push(`due ${new Date(task.dueAt).toISOString().slice(0, 16).replace('T', ' ')}`);
  if (task.assignee) extras.push(`for ${names.get(task.assignee.id) ?? task.assignee.id}`);
  if (task.subtasks.total > 0) extras.push(`${task.subtasks.done}/${task.subtasks.total} subtasks`);
  return `[${task.status}] ${task.title}  ${task.id}  (${extras.join(', ')})`;
}

/** `--due` as ms: an ISO 8601 date (`2024-05-01`, local midnight) or date and time. */
function dueFlag(flag: string | boolean | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const text = typeof flag === 'string' ? flag.trim() : '';
  // A bare date means that day in local time, as a person means it.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00`).getTime() : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(at)) throw new CliUsageError('--due takes an ISO 8601 date, like 2024-05-01 or 2024-05-01T17:00');
  return at;
}

/** `--assignee`: `me`, a member id, or a handle (`@ada`, `@juno`). */
async function assigneeFlag(core: Core, workspaceId: string, flag: string | boolean | undefined): Promise<TaskActor | undefined> {
  if (flag === undefined) return undefined;
  if (typeof flag !== 'string' || flag.length === 0) throw new CliUsageError('--assignee takes me, a member id or a handle');
  const members = await callCore(core, 'member.list', { workspaceId });
  const me = await callCore(core, 'profile.get', {});
  const wanted = flag.replace(/^@/, '').toLowerCase();
  const found = flag === 'me' ? members.find((m) => m.id === me.userId) : (members.find((m) => m.id === flag) ?? members.find((m) => m.handle === wanted || m.email === wanted));
  if (!found) throw new CliCommandError('NOT_FOUND', `No member "${flag}" in this workspace`);
  return { kind: found.kind === 'dh' ? 'dh' : 'member', id: found.id };
}

async function names(core: Core, workspaceId: string): Promise<Map<string, string>> {
  const members = await callCore(core, 'member.list', { workspaceId });
  const dhs = await callCore(core, 'dh.list', { workspaceId, includeArchived: true });
  return new Map([...members.map((m): [string, string] => [m.id, m.displayName]), ...dhs.map((d): [string, string] => [d.id, d.name])]);
}

/** The tasks of a workspace's digital humans. */
export const taskCommand: CliCommand = {
  name: 'task',
  subcommands: {
    create: {
      usage: 'task create --workspace W --dh D --title T [--due ISO] [--assignee me|ID|@handle] [--json]',
      flags: { workspace: 'string', dh: 'string', title: 'string', due: 'string', assignee: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        if (typeof flags.title !== 'string') throw new CliUsageError('task create needs --title <title>');
        const dueAt = dueFlag(flags.due);
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dh = await resolveDh(core, workspaceId, flags.dh);
        const assignee = await assigneeFlag(core, workspaceId, flags.assignee);
        const task = await callCore(core, 'task.create', {
          workspaceId,
          dhId: dh.id,
          title: flags.title,
          ...(dueAt !== undefined ? { dueAt } : {}),
          ...(assignee ? { assignee } : {}),
        });
        out(flags.json ? JSON.stringify(task) : `Created ${describeTask(task, await names(core, workspaceId))}`);
      },
    },
    list: {
      usage: 'task list --workspace W [--dh D] [--all] [--json]',
      notes: ['(--all includes done tasks)'],
      flags: { workspace: 'string', dh: 'string', all: 'boolean', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const dh = flags.dh === undefined ? null : await resolveDh(core, workspaceId, flags.dh);
        const tasks = await callCore(core, 'task.list', { workspaceId, includeDone: flags.all === true, ...(dh ? { dhId: dh.id } : {}) });
        if (flags.json) out(JSON.stringify(tasks));
        else if (tasks.length === 0) out('No open tasks.');
        else {
          const known = await names(core, workspaceId);
          for (const task of tasks) out(describeTask(task, known));
        }
      },
    },
    done: {
      usage: 'task done <task id> --workspace W [--json]',
      flags: { workspace: 'string', json: 'boolean' },
      positionals: 1,
      async run({ core, flags, out }, [taskId]) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const task = await callCore(core, 'task.update', { workspaceId, taskId: taskId!, status: 'done' });
        out(flags.json ? JSON.stringify(task) : `Done: ${task.title}`);
      },
    },
  },
};
