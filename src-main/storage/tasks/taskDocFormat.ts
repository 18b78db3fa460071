/**
 * Format of tasks in a digital human's doc, `dh/<dhId>`, root map `tasks`
 * (a write/read pair; the reader never trusts what a peer wrote):
 *
 * Y.Map taskId → Y.Map with one key per field, so two people editing
 * different fields of a task at once both keep their change:
 * `id`, `title` (≤ 500, one line), `notes` (≤ 20,000, Markdown), `status`
 * ('todo' | 'doing' | 'blocked' | 'done'), `assignee` (`{kind: 'member' |
 * 'dh', id}` or null), `dueAt` and `remindAt` (ms or null), `parentId` (a
 * task of the same doc, or null), `createdBy` (`{kind, id}`), `createdAt`,
 * `updatedAt`, `order` (a number: position on the board, ascending), and
 * `sourceRoomId` / `sourceMessageId` (where it was made from, or null).
 *
 * Every task lives in exactly one DH's doc: the DH whose list it was
 * created in (by a person, or by the DH itself); subtasks live with their
 * parent. Deleting a task removes its key (Yjs drops the deleted content).
 */
import * as Y from 'yjs';
import { TASK_NOTES_MAX_LENGTH, TASK_STATUSES, TASK_TITLE_MAX_LENGTH, type TaskActor, type TaskStatus } from '../../common/contract/taskChannels';
import { ENTITY_ID_PATTERN } from '../../common/ids';

/** A task as stored in its DH's doc. */
export interface TaskRecord {
  id: string;
  title: string;
  notes: string;
  status: TaskStatus;
  assignee: TaskActor | null;
  dueAt: number | null;
  remindAt: number | null;
  parentId: string | null;
  createdBy: TaskActor;
  createdAt: number;
  updatedAt: number;
  order: number;
  sourceRoomId: string | null;
  sourceMessageId: string | null;
}

/** The fields of a task that change after it is created. */
export type TaskFields = Omit<TaskRecord, 'id' | 'createdBy' | 'createdAt'>;

/** Writes a new task into `tasks` (one Y.Map per task, one key per field). */
export function writeTaskRecord(tasks: Y.Map<unknown>, task: TaskRecord): void {
  const entry = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(task)) entry.set(key, value);
  tasks.set(task.id, entry);
}

/** Sets the fields of `patch` that differ from what `entry` holds. */
export function writeTaskFields(entry: Y.Map<unknown>, patch: Partial<TaskFields>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = entry.get(key);
    const same = value !== null && typeof value === 'object' ? JSON.stringify(current) === JSON.stringify(value) : current === value;
    if (!same) entry.set(key, value);
  }
}

/** Reads `tasks[key]`; null when it is not a well-formed task. */
export function readTaskRecord(key: string, value: unknown): TaskRecord | null {
  if (!ENTITY_ID_PATTERN.test(key) || !(value instanceof Y.Map)) return null;
  const title = cleanLine(value.get('title'), TASK_TITLE_MAX_LENGTH);
  const createdAt = value.get('createdAt');
  const createdBy = readActor(value.get('createdBy'));
  if (title.length === 0 || !Number.isSafeInteger(createdAt) || !createdBy) return null;
  const notes = value.get('notes');
  const status = value.get('status');
  const updatedAt = value.get('updatedAt');
  const order = value.get('order');
  const parentId = value.get('parentId');
  return {
    id: key,
    title,
    notes: typeof notes === 'string' ? notes.replaceAll('\u0000', '').slice(0, TASK_NOTES_MAX_LENGTH) : '',
    status: TASK_STATUSES.includes(status as TaskStatus) ? (status as TaskStatus) : 'todo',
    assignee: readActor(value.get('assignee')),
    dueAt: readTime(value.get('dueAt')),
    remindAt: readTime(value.get('remindAt')),
    // A task is never its own parent: a peer could write that, and it would hide the task.
    parentId: typeof parentId === 'string' && ENTITY_ID_PATTERN.test(parentId) && parentId !== key ? parentId : null,
    createdBy,
    createdAt: createdAt as number,
    updatedAt: Number.isSafeInteger(updatedAt) ? (updatedAt as number) : (createdAt as number),
    order: typeof order === 'number' && Number.isFinite(order) ? order : (createdAt as number),
    sourceRoomId: readId(value.get('sourceRoomId')),
    sourceMessageId: readId(value.get('sourceMessageId')),
  };
}

function readActor(value: unknown): TaskActor | null {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return null;
  const v = value as Record<string, unknown>;
  if ((v.kind !== 'member' && v.kind !== 'dh') || typeof v.id !== 'string' || !ENTITY_ID_PATTERN.test(v.id)) return null;
  return { kind: v.kind, id: v.id };
}

function readTime(value: unknown): number | null {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null;
}

function readId(value: unknown): string | null {
  return typeof value === 'string' && ENTITY_ID_PATTERN.test(value) ? value : null;
}

/** A string without control characters, trimmed and cut to `max`; '' for anything else. */
function cleanLine(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}
