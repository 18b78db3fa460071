/**
 * One task, opened: title, notes, status, assignee, due date, reminder and
 * subtasks (add one, tick them off, or break the task into several steps at
 * once). Saving sends only the fields that changed.
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ChannelInput, DigitalHuman, Member, Task, TaskActor, TaskStatus } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { FormError, TextField } from '../../lib/ui/TextField';
import { requestNotificationPermission } from '../rooms/notifications/requestNotificationPermission';
import { AssigneeSelect } from './AssigneeSelect';
import { STATUS_LABELS, TASK_STATUSES } from './TaskBoard';
import { assigneeValue } from './taskPeople';
import { fromLocalInput, toLocalInput } from './taskTime';

interface TaskEditorDialogProps {
  workspaceId: string;
  task: Task;
  dhs: readonly DigitalHuman[];
  members: readonly Member[];
  me: string;
  names: ReadonlyMap<string, string>;
  onChanged(tasks: readonly Task[]): void;
  onDeleted(taskId: string): void;
  onClose(): void;
}

interface Draft {
  title: string;
  notes: string;
  status: TaskStatus;
  assignee: TaskActor | null;
  due: string;
  remind: string;
}

function draftOf(task: Task): Draft {
  return { title: task.title, notes: task.notes, status: task.status, assignee: task.assignee, due: toLocalInput(task.dueAt), remind: toLocalInput(task.remindAt) };
}

export function TaskEditorDialog(props: TaskEditorDialogProps): ReactNode {
  const { workspaceId, task, onChanged, onClose } = props;
  const t = useT();
  const ids = { notes: useId(), status: useId(), assignee: useId(), due: useId(), remind: useId(), steps: useId() };
  const [draft, setDraft] = useState<Draft>(() => draftOf(task));
  const [subtasks, setSubtasks] = useState<Task[]>([]);
  const [newSubtask, setNewSubtask] = useState('');
  const [steps, setSteps] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const load = (): void => {
      api.invoke('task.list', { workspaceId, parentId: task.id, includeDone: true }).then(
        (list) => !cancelled && setSubtasks(list),
        (err: unknown) => !cancelled && setError(errorMessage(err, t)),
      );
    };
    load();
    const unsubscribe = api.on('task.changed', (event) => {
      if (event.workspaceId === workspaceId && event.dhId === task.dhId) load();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, task.id, task.dhId, t]);

  async function attempt(run: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (busy) return;
    if (!draft.title.trim()) {
      setError(t('tasks.editor.titleRequired'));
      return;
    }
    const patch: Omit<ChannelInput<'task.update'>, 'workspaceId' | 'taskId'> = {};
    if (draft.title !== task.title) patch.title = draft.title;
    if (draft.notes !== task.notes) patch.notes = draft.notes;
    if (draft.status !== task.status) patch.status = draft.status;
    if (assigneeValue(draft.assignee) !== assigneeValue(task.assignee)) patch.assignee = draft.assignee;
    const dueAt = fromLocalInput(draft.due);
    const remindAt = fromLocalInput(draft.remind);
    if (dueAt !== task.dueAt) patch.dueAt = dueAt;
    if (remindAt !== task.remindAt) patch.remindAt = remindAt;
    if (remindAt !== null && remindAt !== task.remindAt) requestNotificationPermission();
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    void attempt(async () => {
      onChanged([await api.invoke('task.update', { workspaceId, taskId: task.id, ...patch })]);
      onClose();
    });
  }

  const addSubtask = (): Promise<void> =>
    attempt(async () => {
      const title = newSubtask.trim();
      if (!title) return;
      const created = await api.invoke('task.create', { workspaceId, dhId: task.dhId, title, parentId: task.id, ...(task.assignee ? { assignee: task.assignee } : {}) });
      setSubtasks((list) => [...list, created]);
      setNewSubtask('');
    });

  const breakDown = (): Promise<void> =>
    attempt(async () => {
      const titles = steps.split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
      if (titles.length === 0) return;
      const created = await api.invoke('task.decompose', { workspaceId, taskId: task.id, titles: titles.slice(0, 50) });
      setSubtasks((list) => [...list, ...created]);
      setSteps('');
    });

  const toggle = (sub: Task): Promise<void> =>
    attempt(async () => {
      const updated = await api.invoke('task.update', { workspaceId, taskId: sub.id, status: sub.status === 'done' ? 'todo' : 'done' });
      setSubtasks((list) => list.map((x) => (x.id === sub.id ? updated : x)));
    });

  const remove = (): Promise<void> =>
    attempt(async () => {
      await api.invoke('task.delete', { workspaceId, taskId: task.id });
      props.onDeleted(task.id);
      onClose();
    });

  const change = (next: Partial<Draft>): void => setDraft((d) => ({ ...d, ...next }));
  return (
    <Dialog title={t('tasks.editor.title')} description={t('tasks.editor.inList', { name: props.names.get(task.dhId) ?? '?' })} onClose={onClose} testId="task-editor" size="large">
      <form className="form" onSubmit={save} noValidate>
        <TextField label={t('tasks.field.title')} value={draft.title} onChange={(e) => change({ title: e.target.value })} maxLength={500} testId="task-editor-title" autoComplete="off" />
        <div className="field">
          <label className="field__label" htmlFor={ids.notes}>
            {t('tasks.field.notes')}
          </label>
          <textarea id={ids.notes} className="input task-notes" rows={4} maxLength={20_000} value={draft.notes} onChange={(e) => change({ notes: e.target.value })} data-testid="task-editor-notes" />
        </div>
        <div className="form__grid">
          <div className="field">
            <label className="field__label" htmlFor={ids.status}>
              {t('tasks.field.status')}
            </label>
            <select id={ids.status} className="input" value={draft.status} onChange={(e) => change({ status: e.target.value as TaskStatus })} data-testid="task-editor-status">
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(STATUS_LABELS[s])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.assignee}>
              {t('tasks.field.assignee')}
            </label>
            <AssigneeSelect id={ids.assignee} value={draft.assignee} onChange={(assignee) => change({ assignee })} members={props.members} dhs={props.dhs} me={props.me} testId="task-editor-assignee" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.due}>
              {t('tasks.field.due')}
            </label>
            <input id={ids.due} type="datetime-local" className="input" value={draft.due} onChange={(e) => change({ due: e.target.value })} data-testid="task-editor-due" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.remind}>
              {t('tasks.field.remind')}
            </label>
            <input id={ids.remind} type="datetime-local" className="input" value={draft.remind} onChange={(e) => change({ remind: e.target.value })} data-testid="task-editor-remind" />
          </div>
        </div>
        <fieldset className="field">
          <legend className="field__label">{t('tasks.subtasks.title')}</legend>
          {subtasks.length > 0 ? (
            <ul className="subtask-list" data-testid="subtask-list">
              {subtasks.map((sub) => (
                <li key={sub.id}>
                  <label className={`subtask${sub.status === 'done' ? ' subtask--done' : ''}`}>
                    <input type="checkbox" checked={sub.status === 'done'} disabled={busy} onChange={() => void toggle(sub)} data-testid={`subtask-done-${sub.id}`} />
                    <span>{sub.title}</span>
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p className="field__hint">{t('tasks.subtasks.none')}</p>
          )}
          <div className="subtask-add">
            <input
              className="input"
              value={newSubtask}
              placeholder={t('tasks.subtasks.add')}
              aria-label={t('tasks.subtasks.add')}
              maxLength={500}
              onChange={(e) => setNewSubtask(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void addSubtask();
                }
              }}
              data-testid="subtask-new"
            />
            <button type="button" className="button" disabled={busy || !newSubtask.trim()} onClick={() => void addSubtask()} data-testid="subtask-add">
              {t('tasks.subtasks.addButton')}
            </button>
          </div>
          <label className="field__label" htmlFor={ids.steps}>
            {t('tasks.subtasks.breakDown')}
          </label>
          <textarea id={ids.steps} className="input" rows={3} value={steps} placeholder={t('tasks.subtasks.breakDownPlaceholder')} onChange={(e) => setSteps(e.target.value)} data-testid="subtask-steps" />
          <div>
            <button type="button" className="button" disabled={busy || !steps.trim()} onClick={() => void breakDown()} data-testid="subtask-decompose">
              {t('tasks.subtasks.breakDownButton')}
            </button>
          </div>
        </fieldset>
        {error ? <FormError message={error} testId="task-editor-error" /> : null}
        <DialogFooter>
          <button type="button" className="button button--ghost-danger task-editor__delete" disabled={busy} onClick={() => void remove()} data-testid="task-editor-delete">
            {t('tasks.editor.delete')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="task-editor-save">
            {t('common.save')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
