/**
 * Contract of tasks: every task belongs to one digital human's list (its doc
 * `dh/<id>`), may be assigned to a person or a DH, has a status on the board,
 * optional due and reminder times and subtasks (see docs/digital-humans.md).
 */
import { z } from 'zod';
import { memberIdSchema, messageIdSchema, roomIdSchema, workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';

export const TASK_TITLE_MAX_LENGTH = 500;
export const TASK_NOTES_MAX_LENGTH = 20_000;
/** Most subtasks one `task.decompose` call creates. */
export const DECOMPOSE_MAX = 50;

/** The board's columns, in order. */
export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);

/** Who a task is for or who made it: a person (`member`, their user id) or a digital human (`dh`). */
export const taskActorSchema = z.object({ kind: z.enum(['member', 'dh']), id: memberIdSchema }).strict();

/** A task title: one line, trimmed, 1 to 500 characters. */
export const taskTitleSchema = z
  .string()
  .trim()
  .min(1, 'A task needs a title')
  .max(TASK_TITLE_MAX_LENGTH, `A title is at most ${TASK_TITLE_MAX_LENGTH} characters`)
  .refine((s) => !hasControlChars(s), 'A title is one line without control characters');

/** Notes (Markdown), at most 20,000 characters. */
export const taskNotesSchema = z
  .string()
  .max(TASK_NOTES_MAX_LENGTH, `Notes are at most ${TASK_NOTES_MAX_LENGTH} characters`)
  .refine((s) => !s.includes('\u0000'), 'Notes cannot contain NUL characters');

/** A time in ms since the epoch (due date, reminder). */
export const taskTimeSchema = z.number().int().min(0).max(8_640_000_000_000_000);

/** A task as every member of the workspace sees it. */
export const taskSchema = z.object({
  id: z.string(),
  /** The DH whose list (doc) holds the task. */
  dhId: memberIdSchema,
  title: z.string(),
  notes: z.string(),
  status: taskStatusSchema,
  assignee: taskActorSchema.nullable(),
  dueAt: z.number().int().nullable(),
  remindAt: z.number().int().nullable(),
  /** The parent task (same list) of a subtask. */
  parentId: z.string().nullable(),
  createdBy: taskActorSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Position on the board, ascending within a column. */
  order: z.number(),
  /** The room and message a task was made from, if any. */
  sourceRoomId: z.string().nullable(),
  sourceMessageId: z.string().nullable(),
  /** Its direct subtasks: how many, and how many are done. */
  subtasks: z.object({ total: z.number().int().min(0), done: z.number().int().min(0) }),
});

/** Zod schema of a task id (letters, digits, `_` and `-`, as every id inside a workspace). */
export const taskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Task id must be 1-64 letters, digits, "_" or "-"');

const taskRef = { workspaceId: workspaceIdSchema, taskId: taskIdSchema };

/** Task channels: name → input and output schema. */
export const taskChannels = {
  /**
   * Tasks of the workspace, by board order. `dhId`: those in that DH's list
   * or assigned to it; `assigneeId`: those assigned to that person or DH;
   * `parentId`: the subtasks of that task (top-level tasks when null). Done
   * tasks only with includeDone (or status 'done').
   */
  'task.list': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        dhId: memberIdSchema.optional(),
        assigneeId: memberIdSchema.optional(),
        status: taskStatusSchema.optional(),
        parentId: taskIdSchema.nullable().optional(),
        includeDone: z.boolean().optional(),
      })
      .strict(),
    output: z.array(taskSchema),
  },
  'task.get': { input: z.object(taskRef).strict(), output: taskSchema },
  /** Adds a task to `dhId`'s list (a subtask goes to its parent's list). */
  'task.create': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        dhId: memberIdSchema,
        title: taskTitleSchema,
        notes: taskNotesSchema.optional(),
        status: taskStatusSchema.optional(),
        assignee: taskActorSchema.nullable().optional(),
        dueAt: taskTimeSchema.nullable().optional(),
        remindAt: taskTimeSchema.nullable().optional(),
        parentId: taskIdSchema.nullable().optional(),
        sourceRoomId: roomIdSchema.nullable().optional(),
        sourceMessageId: messageIdSchema.nullable().optional(),
      })
      .strict(),
    output: taskSchema,
  },
  /** Changes the fields given; null clears assignee, dates or parent. `order` moves it on the board. */
  'task.update': {
    input: z
      .object({
        ...taskRef,
        title: taskTitleSchema.optional(),
        notes: taskNotesSchema.optional(),
        status: taskStatusSchema.optional(),
        assignee: taskActorSchema.nullable().optional(),
        dueAt: taskTimeSchema.nullable().optional(),
        remindAt: taskTimeSchema.nullable().optional(),
        parentId: taskIdSchema.nullable().optional(),
        order: z.number().finite().optional(),
      })
      .strict(),
    output: taskSchema,
  },
  /** Deletes a task and its subtasks. */
  'task.delete': { input: z.object(taskRef).strict(), output: z.object({ id: z.string() }) },
  /** Breaks a task into subtasks with these titles, in this order; returns them. */
  'task.decompose': {
    input: z.object({ ...taskRef, titles: z.array(taskTitleSchema).min(1).max(DECOMPOSE_MAX) }).strict(),
    output: z.array(taskSchema),
  },
} as const;

/** Task events: name → payload schema. */
export const taskEvents = {
  /** Tasks changed (here or by a teammate) in this DH's list: call task.list. */
  'task.changed': z.object({ workspaceId: workspaceIdSchema, dhId: memberIdSchema }),
  /** A task's reminder time came (once per task and reminder time on each device). */
  'task.reminder': z.object({ workspaceId: workspaceIdSchema, taskId: z.string(), title: z.string(), dhId: memberIdSchema }),
} as const;

export type TaskStatus = z.output<typeof taskStatusSchema>;
export type TaskActor = z.output<typeof taskActorSchema>;
export type Task = z.output<typeof taskSchema>;
