/**
 * The list view: one row per task, with a checkbox that marks it done (or
 * open again), its status, list, assignee, due date and subtask progress;
 * the title opens it. Done tasks show only when asked.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Task, TaskStatus } from '../../../src-main/common/contract';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { STATUS_LABELS } from './TaskBoard';
import { formatDue, isOverdue } from './taskTime';

interface TaskListProps {
  tasks: readonly Task[];
  names: ReadonlyMap<string, string>;
  showList: boolean;
  onStatus(task: Task, status: TaskStatus): Promise<void>;
  onOpen(task: Task): void;
}

export function TaskList({ tasks, names, showList, onStatus, onOpen }: TaskListProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [showDone, setShowDone] = useState(false);
  const now = Date.now();
  const shown = tasks
    .filter((x) => showDone || x.status !== 'done')
    // Soonest due first, then by board order; no due date goes last.
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.order - b.order);
  const doneCount = tasks.filter((x) => x.status === 'done').length;
  return (
    <div className="task-list" data-testid="task-list">
      {shown.length === 0 ? <p className="task-list__empty">{t('tasks.list.empty')}</p> : null}
      <ul className="task-list__rows">
        {shown.map((task) => {
          const overdue = task.status !== 'done' && isOverdue(task.dueAt, now);
          return (
            <li key={task.id} className={`task-row${task.status === 'done' ? ' task-row--done' : ''}`} data-testid={`task-row-${task.id}`}>
              <input
                type="checkbox"
                checked={task.status === 'done'}
                aria-label={t(task.status === 'done' ? 'tasks.list.reopen' : 'tasks.list.markDone', { title: task.title })}
                onChange={(e) => void onStatus(task, e.target.checked ? 'done' : 'todo')}
                data-testid={`task-done-${task.id}`}
              />
              <button type="button" className="task-row__title" onClick={() => onOpen(task)}>
                {task.title}
              </button>
              <span className={`task-pill task-pill--${task.status}`}>{t(STATUS_LABELS[task.status])}</span>
              <span className="task-row__meta">
                {showList ? <span>{names.get(task.dhId) ?? '?'}</span> : null}
                {task.assignee ? <span>→ {names.get(task.assignee.id) ?? '?'}</span> : null}
                {task.dueAt !== null ? <span className={overdue ? 'task-due task-due--overdue' : 'task-due'}>{formatDue(task.dueAt, locale, now)}</span> : null}
                {task.subtasks.total > 0 ? <span>{t('tasks.subtasks.count', { done: task.subtasks.done, total: task.subtasks.total })}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
      {doneCount > 0 ? (
        <button type="button" className="sidebar-link task-list__toggle" onClick={() => setShowDone((v) => !v)} data-testid="task-list-toggle-done">
          {showDone ? t('tasks.list.hideDone') : t('tasks.list.showDone', { count: doneCount })}
        </button>
      ) : null}
    </div>
  );
}
