/**
 * The board: one column per status, cards by board order. Mouse users drag
 * cards; keyboard users focus a card and press Alt+←/→ to move it to the
 * previous or next column and Alt+↑/↓ to move it within its column (focus
 * stays on the card, and the move is announced). Enter opens the card.
 */
import { useEffect, useRef, useState } from 'react';
import type { DragEvent, KeyboardEvent, ReactNode } from 'react';
import type { Task, TaskStatus } from '../../../src-main/common/contract';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../lib/i18n/i18n';
import { orderAtEnd, orderForDrop, orderForStep } from './taskOrder';
import { formatDue, isOverdue } from './taskTime';

/** The columns, in order (the contract's statuses; the renderer imports only its types). */
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'doing', 'blocked', 'done'];

export const STATUS_LABELS: Readonly<Record<TaskStatus, MessageKey>> = {
  todo: 'tasks.status.todo',
  doing: 'tasks.status.doing',
  blocked: 'tasks.status.blocked',
  done: 'tasks.status.done',
};

interface TaskBoardProps {
  tasks: readonly Task[];
  names: ReadonlyMap<string, string>;
  /** Show whose list each card is in (the workspace-wide board). */
  showList: boolean;
  onMove(task: Task, change: { status?: TaskStatus; order: number }): Promise<void>;
  onOpen(task: Task): void;
}

export function TaskBoard({ tasks, names, showList, onMove, onOpen }: TaskBoardProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [focusId, setFocusId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const cards = useRef(new Map<string, HTMLButtonElement>());
  const columns = new Map<TaskStatus, Task[]>(TASK_STATUSES.map((s) => [s, tasks.filter((x) => x.status === s).sort((a, b) => a.order - b.order)]));
  const now = Date.now();

  // After a move re-renders the board, focus follows the moved card.
  useEffect(() => {
    if (focusId) cards.current.get(focusId)?.focus();
  }, [focusId, tasks]);

  function move(task: Task, change: { status?: TaskStatus; order: number }, message: string): void {
    setFocusId(task.id);
    setAnnouncement(message);
    void onMove(task, change);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, task: Task): void {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const column = columns.get(task.status) ?? [];
    const index = column.findIndex((x) => x.id === task.id);
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const next = TASK_STATUSES[TASK_STATUSES.indexOf(task.status) + (event.key === 'ArrowRight' ? 1 : -1)];
      event.preventDefault();
      if (!next) return;
      move(task, { status: next, order: orderAtEnd(columns.get(next) ?? []) }, t('tasks.board.moved', { title: task.title, status: t(STATUS_LABELS[next]) }));
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const order = orderForStep(column, index, event.key === 'ArrowUp' ? -1 : 1);
      if (order === null) return;
      const position = index + (event.key === 'ArrowUp' ? 0 : 2);
      move(task, { order }, t('tasks.board.reordered', { title: task.title, position, count: column.length }));
    }
  }

  function onDrop(event: DragEvent<HTMLElement>, status: TaskStatus): void {
    event.preventDefault();
    const id = event.dataTransfer.getData('text/plain') || dragging;
    setDragging(null);
    const task = tasks.find((x) => x.id === id);
    if (!task) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-task-id]');
    const beforeId = target?.dataset.taskId && target.dataset.taskId !== task.id ? target.dataset.taskId : null;
    const column = columns.get(status) ?? [];
    move(task, { ...(status !== task.status ? { status } : {}), order: orderForDrop(column, task.id, beforeId) }, t('tasks.board.moved', { title: task.title, status: t(STATUS_LABELS[status]) }));
  }

  return (
    <div className="task-board" data-testid="task-board">
      <p className="task-board__hint">{t('tasks.board.hint')}</p>
      <p className="visually-hidden" aria-live="polite" data-testid="task-board-announcement">
        {announcement}
      </p>
      <div className="task-board__columns">
        {TASK_STATUSES.map((status) => {
          const column = columns.get(status) ?? [];
          return (
            <section
              key={status}
              className={`task-column task-column--${status}`}
              aria-label={t(STATUS_LABELS[status])}
              data-testid={`task-column-${status}`}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, status)}
            >
              <h3 className="task-column__title">
                {t(STATUS_LABELS[status])}
                <span className="task-column__count">{column.length}</span>
              </h3>
              <ul className="task-column__list">
                {column.map((task) => {
                  const overdue = task.status !== 'done' && isOverdue(task.dueAt, now);
                  return (
                    <li key={task.id} data-task-id={task.id}>
                      <button
                        type="button"
                        ref={(el) => {
                          if (el) cards.current.set(task.id, el);
                          else cards.current.delete(task.id);
                        }}
                        className={`task-card${dragging === task.id ? ' task-card--dragging' : ''}`}
                        draggable
                        onDragStart={(e) => {
                          e.dataTransfer.setData('text/plain', task.id);
                          setDragging(task.id);
                        }}
                        onDragEnd={() => setDragging(null)}
                        onKeyDown={(e) => onKeyDown(e, task)}
                        onClick={() => onOpen(task)}
                        aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown"
                        data-testid={`task-card-${task.id}`}
                        data-status={task.status}
                      >
                        <span className="task-card__title">{task.title}</span>
                        <span className="task-card__meta">
                          {showList ? <span>{names.get(task.dhId) ?? '?'}</span> : null}
                          {task.assignee ? <span>→ {names.get(task.assignee.id) ?? '?'}</span> : null}
                          {task.dueAt !== null ? <span className={overdue ? 'task-due task-due--overdue' : 'task-due'}>{formatDue(task.dueAt, locale, now)}</span> : null}
                          {task.subtasks.total > 0 ? <span>{t('tasks.subtasks.count', { done: task.subtasks.done, total: task.subtasks.total })}</span> : null}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
