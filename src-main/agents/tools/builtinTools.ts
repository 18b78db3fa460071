/**
 * The built-in tools of digital humans, by group: memory (save, search,
 * update, forget), tasks (create, list, update, assign), knowledge search,
 * posting in a room, and handing a task to another digital human. Those
 * that change data beyond the DH's own list or speak elsewhere say so
 * (`confirm`): the gate holds them for confirmation when the context holds
 * untrusted text.
 */
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../common/AppError';
import type { DigitalHuman, Task, TaskActor } from '../../common/contract';
import type { DhPort, KnowledgePort, MemoryPort, TaskPort } from '../runtime/AgentPorts';
import { defineTool, type AgentTool, type ToolContext } from './AgentTool';

export interface BuiltinToolDeps {
  memory: MemoryPort | null;
  knowledge: KnowledgePort | null;
  tasks: TaskPort;
  dhs: DhPort;
  /** Resolves an @handle (a member or a DH) to a task assignee. */
  assignee(workspaceId: string, handle: string): TaskActor;
  /** Posts `text` as the DH in a room given by id or #name; returns where. */
  post(ctx: ToolContext, room: string, text: string): { roomId: string; messageId: string };
  /** Starts `target` working on `task` (a job of its own, reporting in the room). */
  handOff(ctx: ToolContext, target: DigitalHuman, task: Task): void;
}

const kind = z.enum(['fact', 'preference', 'event', 'instruction']);
const tags = z.array(z.string().trim().toLowerCase().min(1).max(40)).max(20);
const isoDate = z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), 'an ISO-8601 date, e.g. 2026-05-01T09:00');
const statusSchema = z.enum(['todo', 'doing', 'blocked', 'done']);

function describeTask(t: Task): Record<string, unknown> {
  return { id: t.id, title: t.title, status: t.status, assignee: t.assignee, dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null, parentId: t.parentId };
}

/** A task outside the DH's own list (or one that cannot be read: treated the same). */
function notOwnTask(deps: BuiltinToolDeps, ctx: ToolContext, taskId: string): boolean {
  try {
    return deps.tasks.get(ctx.workspaceId, taskId).dhId !== ctx.dh.id;
  } catch {
    return true;
  }
}

const always = (): boolean => true;

function requireMemory(deps: BuiltinToolDeps): MemoryPort {
  if (!deps.memory) throw new ValidationError('Memory is not available on this device');
  return deps.memory;
}

export function builtinTools(deps: BuiltinToolDeps): AgentTool[] {
  const actor = (ctx: ToolContext): TaskActor => ({ kind: 'dh', id: ctx.dh.id });
  return [
    defineTool({
      name: 'memory_save',
      description: 'Remember something worth keeping about this workspace, its people or its work (one fact, preference, event or instruction per call).',
      group: 'memory',
      input: z.object({ text: z.string().trim().min(1).max(2000), kind: kind.optional(), tags: tags.optional(), importance: z.number().min(0).max(1).optional() }).strict(),
      resource: (ctx) => `dh/${ctx.dh.id}/memories`,
      run: async (ctx, i) => ({ saved: await requireMemory(deps).apply(ctx.workspaceId, ctx.dh.id, [{ op: 'ADD', ...i, ...(ctx.triggerMessageId ? { sourceMessageIds: [ctx.triggerMessageId] } : {}) }]) }),
    }),
    defineTool({
      name: 'memory_search',
      description: 'Search what you remember in this workspace.',
      group: 'memory',
      input: z.object({ query: z.string().trim().min(1).max(500), k: z.number().int().min(1).max(20).optional() }).strict(),
      returnsData: true,
      resource: (ctx) => `dh/${ctx.dh.id}/memories`,
      run: async (ctx, i) => (await requireMemory(deps).recall(ctx.workspaceId, ctx.dh.id, i.query, i.k ?? 8)).map((m) => ({ id: m.id, text: m.text, kind: m.kind })),
    }),
    defineTool({
      name: 'memory_update',
      description: 'Correct or refine a memory by its id.',
      group: 'memory',
      input: z.object({ id: z.string().min(1).max(64), text: z.string().trim().min(1).max(2000).optional(), kind: kind.optional(), tags: tags.optional(), importance: z.number().min(0).max(1).optional() }).strict(),
      confirm: always,
      resource: (ctx, i) => `dh/${ctx.dh.id}/memories/${i.id}`,
      run: async (ctx, i) => ({ updated: await requireMemory(deps).apply(ctx.workspaceId, ctx.dh.id, [{ op: 'UPDATE', ...i }]) }),
    }),
    defineTool({
      name: 'memory_forget',
      description: 'Forget a memory by its id (when it is wrong or someone asks you to).',
      group: 'memory',
      input: z.object({ id: z.string().min(1).max(64) }).strict(),
      confirm: always,
      resource: (ctx, i) => `dh/${ctx.dh.id}/memories/${i.id}`,
      run: async (ctx, i) => ({ forgotten: await requireMemory(deps).apply(ctx.workspaceId, ctx.dh.id, [{ op: 'DELETE', id: i.id }]) }),
    }),
    defineTool({
      name: 'task_create',
      description: 'Create a task in your list. Give an assignee as an @handle of a teammate or a digital human; a parentId makes it a subtask.',
      group: 'tasks',
      input: z
        .object({
          title: z.string().trim().min(1).max(500),
          notes: z.string().max(20_000).optional(),
          assignee: z.string().trim().min(1).max(120).optional(),
          due: isoDate.optional(),
          remindAt: isoDate.optional(),
          parentId: z.string().min(1).max(64).optional(),
        })
        .strict(),
      resource: (ctx) => `dh/${ctx.dh.id}/tasks`,
      run: async (ctx, i) =>
        describeTask(
          deps.tasks.create(
            ctx.workspaceId,
            ctx.dh.id,
            {
              title: i.title,
              notes: i.notes,
              assignee: i.assignee ? deps.assignee(ctx.workspaceId, i.assignee) : null,
              dueAt: i.due ? Date.parse(i.due) : null,
              remindAt: i.remindAt ? Date.parse(i.remindAt) : null,
              parentId: i.parentId ?? null,
              sourceRoomId: ctx.roomId,
            },
            actor(ctx),
          ),
        ),
    }),
    defineTool({
      name: 'task_list',
      description: 'List the open tasks in your list or assigned to you (include done ones if asked).',
      group: 'tasks',
      input: z.object({ status: statusSchema.optional(), includeDone: z.boolean().optional() }).strict(),
      returnsData: true,
      resource: (ctx) => `dh/${ctx.dh.id}/tasks`,
      run: async (ctx, i) => deps.tasks.list(ctx.workspaceId, { dhId: ctx.dh.id, status: i.status, includeDone: i.includeDone ?? false }).slice(0, 50).map(describeTask),
    }),
    defineTool({
      name: 'task_update',
      description: 'Change a task: status, title, notes, due date, or assignee (an @handle; "none" to unassign).',
      group: 'tasks',
      input: z
        .object({
          id: z.string().min(1).max(64),
          status: statusSchema.optional(),
          title: z.string().trim().min(1).max(500).optional(),
          notes: z.string().max(20_000).optional(),
          due: isoDate.optional(),
          assignee: z.string().trim().min(1).max(120).optional(),
        })
        .strict(),
      confirm: (ctx, i) => notOwnTask(deps, ctx, i.id),
      returnsData: true,
      resource: (_ctx, i) => `task/${i.id}`,
      run: async (ctx, i) =>
        describeTask(
          deps.tasks.update(
            ctx.workspaceId,
            i.id,
            {
              status: i.status,
              title: i.title,
              notes: i.notes,
              ...(i.due !== undefined ? { dueAt: Date.parse(i.due) } : {}),
              ...(i.assignee !== undefined ? { assignee: i.assignee === 'none' ? null : deps.assignee(ctx.workspaceId, i.assignee) } : {}),
            },
            actor(ctx),
          ),
        ),
    }),
    defineTool({
      name: 'task_decompose',
      description: 'Break a task into small, concrete steps (subtasks), in order. Good steps take 5 to 25 minutes each.',
      group: 'tasks',
      input: z.object({ id: z.string().min(1).max(64), steps: z.array(z.string().trim().min(1).max(500)).min(1).max(20) }).strict(),
      confirm: (ctx, i) => notOwnTask(deps, ctx, i.id),
      returnsData: true,
      resource: (_ctx, i) => `task/${i.id}`,
      run: async (ctx, i) => deps.tasks.decompose(ctx.workspaceId, i.id, i.steps, actor(ctx)).map(describeTask),
    }),
    defineTool({
      name: 'knowledge_search',
      description: 'Search the documents imported into this workspace; cite the source of what you use.',
      group: 'knowledge',
      input: z.object({ query: z.string().trim().min(1).max(500), k: z.number().int().min(1).max(10).optional() }).strict(),
      returnsData: true,
      resource: (ctx) => `dh/${ctx.dh.id}/knowledge`,
      run: async (ctx, i) => {
        if (!deps.knowledge) return [];
        return deps.knowledge.search(ctx.workspaceId, ctx.dh.id, i.query, i.k ?? 5);
      },
    }),
    defineTool({
      name: 'post_message',
      description: 'Post a message in another room of this workspace (by #name), as yourself. Your answer here is posted anyway: use this only for other rooms.',
      group: 'post',
      input: z.object({ room: z.string().trim().min(1).max(80), text: z.string().trim().min(1).max(8000) }).strict(),
      speaks: true,
      confirm: always,
      resource: (_ctx, i) => `room/${i.room}`,
      run: async (ctx, i) => deps.post(ctx, i.room, i.text),
    }),
    defineTool({
      name: 'handoff',
      description: 'Hand a piece of work to another digital human (by @handle): it gets a task, works it and reports back in this room.',
      group: 'handoff',
      input: z.object({ to: z.string().trim().min(1).max(120), title: z.string().trim().min(1).max(500), notes: z.string().max(20_000).optional() }).strict(),
      confirm: always,
      resource: (_ctx, i) => `dh/${i.to.replace(/^@/, '')}`,
      run: async (ctx, i) => {
        const target = deps.dhs.byHandle(ctx.workspaceId, i.to.replace(/^@/, ''));
        if (!target || target.archived) throw new NotFoundError(`No digital human is called ${i.to} here`);
        if (target.id === ctx.dh.id) throw new ValidationError('A digital human cannot hand work to itself');
        const task = deps.tasks.create(
          ctx.workspaceId,
          target.id,
          { title: i.title, notes: i.notes, assignee: { kind: 'dh', id: target.id }, sourceRoomId: ctx.roomId },
          actor(ctx),
        );
        deps.handOff(ctx, target, task);
        return { handedTo: target.handle, task: describeTask(task) };
      },
    }),
  ];
}
