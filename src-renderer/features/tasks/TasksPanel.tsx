/**
 * The tasks of a workspace, or of one digital human (its list and what is
 * assigned to it), as a board or a list, with a quick "add a task" line, in
 * a panel beside the room. Every task belongs to one DH's list: on the
 * workspace-wide view the line asks which.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { DigitalHuman, Member, Task, TaskStatus } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { AsidePanel } from '../../lib/ui/AsidePanel';
import { FormError } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';
import { TaskBoard } from './TaskBoard';
import { TaskEditorDialog } from './TaskEditorDialog';
import { TaskList } from './TaskList';
import { nameIndex } from './taskPeople';
import { useTasks } from './useTasks';

type View = 'board' | 'list';

interface TasksPanelProps {
  workspaceId: string;
  /** Every DH (archived ones name old tasks); the active ones own new tasks. */
  dhs: readonly DigitalHuman[];
  members: readonly Member[];
  me: string;
  /** The DH whose tasks to show first; null for the whole workspace. */
  initialDhId: string | null;
  /** A task to open at once (from a reminder). */
  initialTaskId: string | null;
  onClose(): void;
  /** Where the focus goes back on close. */
  opener?: HTMLElement | null;
}

const VIEW_KEY = 'qwanyx.tasks.view';

function rememberedView(): View {
  try {
    return localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'board';
  } catch {
    return 'board';
  }
}

export function TasksPanel(props: TasksPanelProps): ReactNode {
  const { workspaceId, dhs, me } = props;
  const t = useT();
  const ids = { scope: useId(), owner: useId() };
  const active = dhs.filter((d) => !d.archived);
  const [scope, setScope] = useState<string | null>(props.initialDhId);
  const [view, setView] = useState<View>(rememberedView);
  const [openId, setOpenId] = useState<string | null>(props.initialTaskId);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string>(props.initialDhId ?? active[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const data = useTasks(workspaceId, scope);
  const names = useMemo(() => nameIndex(props.members, dhs), [props.members, dhs]);
  const scopeDh = dhs.find((d) => d.id === scope) ?? null;

  useEffect(() => {
    try {
      localStorage.setItem(VIEW_KEY, view);
    } catch (err) {
      console.error('Remembering the tasks view failed', err);
    }
  }, [view]);

  // Subtasks show inside their parent; a task whose parent is not in this view stands alone.
  const loaded = data.tasks ?? [];
  const shownIds = new Set(loaded.map((x) => x.id));
  const topLevel = loaded.filter((x) => x.parentId === null || !shownIds.has(x.parentId));
  const opened = loaded.find((x) => x.id === openId) ?? null;

  async function add(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const dhId = scope ?? owner;
    if (!title.trim() || !dhId) return;
    setError(null);
    try {
      data.put([await api.invoke('task.create', { workspaceId, dhId, title })]);
      setTitle('');
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  async function update(task: Task, change: { status?: TaskStatus; order?: number }): Promise<void> {
    setError(null);
    try {
      data.put([await api.invoke('task.update', { workspaceId, taskId: task.id, ...change })]);
    } catch (err) {
      setError(errorMessage(err, t));
      data.reload();
    }
  }

  const heading = scopeDh ? t('tasks.titleOf', { name: scopeDh.name }) : t('tasks.title');
  return (
    <AsidePanel title={heading} onClose={props.onClose} opener={props.opener} testId="tasks-panel" className="side-panel--tasks">
      <div className="tasks">
        <div className="tasks__toolbar">
          <label className="tasks__scope" htmlFor={ids.scope}>
            <span className="visually-hidden">{t('tasks.scope')}</span>
            <select id={ids.scope} className="input" value={scope ?? ''} onChange={(e) => setScope(e.target.value || null)} data-testid="tasks-scope">
              <option value="">{t('tasks.scope.all')}</option>
              {dhs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.archived ? t('tasks.scope.archived', { name: d.name }) : d.name}
                </option>
              ))}
            </select>
          </label>
          <SegmentedControl
            label={t('tasks.view')}
            value={view}
            options={[
              { value: 'board', label: t('tasks.view.board') },
              { value: 'list', label: t('tasks.view.list') },
            ]}
            onChange={(v) => setView(v as View)}
            testIdPrefix="tasks-view"
          />
        </div>
        {active.length === 0 ? (
          <p className="tasks__empty" data-testid="tasks-no-dh">
            {t('tasks.noDh')}
          </p>
        ) : (
          <form className="tasks__add" onSubmit={(e) => void add(e)}>
            <input
              className="input"
              value={title}
              placeholder={t('tasks.add.placeholder')}
              aria-label={t('tasks.add.placeholder')}
              maxLength={500}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="task-new-title"
            />
            {scope === null ? (
              <select className="input tasks__owner" id={ids.owner} value={owner} aria-label={t('tasks.add.owner')} onChange={(e) => setOwner(e.target.value)} data-testid="task-new-owner">
                {active.map((d) => (
                  <option key={d.id} value={d.id}>
                    {t('tasks.add.inList', { name: d.name })}
                  </option>
                ))}
              </select>
            ) : null}
            <button type="submit" className="button button--primary" disabled={!title.trim()} data-testid="task-new-submit">
              {t('tasks.add.submit')}
            </button>
          </form>
        )}
        {error ? <FormError message={error} testId="tasks-error" /> : null}
        {data.tasks === null ? (
          data.error ? (
            <p role="alert">{errorMessage(data.error, t)}</p>
          ) : (
            <div className="rooms__loading" role="status" aria-label={t('tasks.loading')}>
              <span className="spinner" />
            </div>
          )
        ) : view === 'board' ? (
          <TaskBoard tasks={topLevel} names={names} showList={scope === null} onMove={update} onOpen={(x) => setOpenId(x.id)} />
        ) : (
          <TaskList tasks={topLevel} names={names} showList={scope === null} onStatus={(x, status) => update(x, { status })} onOpen={(x) => setOpenId(x.id)} />
        )}
      </div>
      {opened ? (
        <TaskEditorDialog
          workspaceId={workspaceId}
          task={opened}
          dhs={active}
          members={props.members}
          me={me}
          names={names}
          onChanged={data.put}
          onDeleted={data.drop}
          onClose={() => setOpenId(null)}
        />
      ) : null}
    </AsidePanel>
  );
}
