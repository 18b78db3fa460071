/**
 * The sidebar's "Digital humans" section: the workspace's DHs (a click opens
 * the direct conversation with one, creating it the first time), each with
 * a menu (message, tasks, knowledge, memory, profile, archive, delete), a "+"
 * for a new one, and links to the workspace's tasks and knowledge. Tasks,
 * knowledge and profiles open beside the room (`dhPanelNavigation`); the
 * section hosts the dialogs (new, memory, archived, delete) and shows task
 * reminders as OS notifications.
 */
import { Suspense, useCallback, useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import type { DigitalHuman, Member, Room } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { ArchiveIcon, CheckIcon, MoreIcon, PlusIcon, SparkleIcon } from '../../lib/ui/icons';
import { lazyNamed } from '../../lib/ui/lazyNamed';
import { Menu, type MenuAnchor } from '../../lib/ui/Menu';
import { BookIcon } from '../knowledge/BookIcon';
import { PersonAvatar } from '../rooms/timeline/PersonAvatar';
import { useTaskReminders } from '../tasks/useTaskReminders';
import { requestDhPanel, requestKnowledge, requestTasks, useShownDhPanel } from './dhPanelNavigation';
import { useDigitalHumans } from './useDigitalHumans';

// Opened on demand: loaded when first opened.
const ArchivedDhDialog = lazyNamed(() => import('./ArchivedDhDialog'), 'ArchivedDhDialog');
const DeleteDhDialog = lazyNamed(() => import('./DeleteDhDialog'), 'DeleteDhDialog');
const MemoryDialog = lazyNamed(() => import('../memory/MemoryDialog'), 'MemoryDialog');
const NewDhDialog = lazyNamed(() => import('./NewDhDialog'), 'NewDhDialog');

interface DigitalHumansSectionProps {
  workspaceId: string;
  members: readonly Member[];
  /** The workspace's direct conversations (to mark the open one). */
  dms: readonly Room[];
  me: string;
  activeRoomId: string | null;
  /** Opens the direct conversation with a member, creating it if needed. */
  onMessage(memberId: string): void;
  /** Shows an error where the user will see it. */
  onError?(message: string): void;
}

type SectionDialog =
  | { kind: 'new' }
  | { kind: 'archived' }
  | { kind: 'delete'; dhId: string }
  | { kind: 'memory'; dhId: string };

interface OpenMenu {
  dh: DigitalHuman;
  anchor: MenuAnchor;
}

export function DigitalHumansSection(props: DigitalHumansSectionProps): ReactNode {
  const { workspaceId, me, onMessage } = props;
  const t = useT();
  const data = useDigitalHumans(workspaceId);
  const [dialog, setDialog] = useState<SectionDialog | null>(null);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  useTaskReminders();
  // The workspace-wide tasks or knowledge shown beside the room: their link says so.
  const shown = useShownDhPanel(workspaceId);
  const showing = (kind: 'tasks' | 'knowledge'): 'true' | undefined => (shown?.kind === kind && shown.dhId === null ? 'true' : undefined);
  const openProfile = (dh: DigitalHuman): void => requestDhPanel(workspaceId, { kind: 'dh-profile', dhId: dh.id });

  const activeDm = props.dms.find((r) => r.id === props.activeRoomId);
  const isOpen = (dh: DigitalHuman): boolean => activeDm !== undefined && activeDm.memberIds.length === 2 && activeDm.memberIds.includes(dh.id) && activeDm.memberIds.includes(me);
  const byId = (id: string): DigitalHuman | undefined => data.all?.find((d) => d.id === id);
  const closeDialog = useCallback(() => setDialog(null), []);

  function openMenu(event: MouseEvent<HTMLButtonElement>, dh: DigitalHuman): void {
    const rect = event.currentTarget.getBoundingClientRect();
    setMenu({ dh, anchor: { x: rect.left, y: rect.bottom + 4 } });
  }

  function archive(dh: DigitalHuman): void {
    api.invoke('dh.archive', { workspaceId, dhId: dh.id, archived: true }).then(data.put, (err: unknown) => {
      const message = errorMessage(err, t);
      if (props.onError) props.onError(message);
      else console.error('Archiving a digital human failed:', message);
    });
  }

  const archivedCount = (data.all ?? []).length - data.active.length;
  const deleting = dialog?.kind === 'delete' ? byId(dialog.dhId) : undefined;
  const remembering = dialog?.kind === 'memory' ? byId(dialog.dhId) : undefined;
  return (
    <section className="sidebar-section" aria-label={t('rooms.sidebar.digitalHumans')} data-testid="section-dhs">
      <header className="sidebar-section__header">
        <h2 className="sidebar-section__title">{t('rooms.sidebar.digitalHumans')}</h2>
        <button type="button" className="icon-button icon-button--small" aria-label={t('dh.create.open')} title={t('dh.create.open')} onClick={() => setDialog({ kind: 'new' })} data-testid="section-dhs-add">
          <PlusIcon width={16} height={16} />
        </button>
      </header>
      {data.active.length > 0 ? (
        <ul className="sidebar-list">
          {data.active.map((dh) => {
            const active = isOpen(dh);
            return (
              <li key={dh.id} className="dh-item">
                <button
                  type="button"
                  className={`room-item${active ? ' room-item--active' : ''}`}
                  aria-current={active ? 'page' : undefined}
                  onClick={() => onMessage(dh.id)}
                  data-testid={`dh-item-${dh.mentionHandle}`}
                >
                  <span className="room-item__icon" aria-hidden="true">
                    <PersonAvatar name={dh.name} color={dh.color} size="tiny" digitalHuman />
                  </span>
                  <span className="room-item__name">{dh.name}</span>
                  {/* Named by its visible text (the name), the title heard after it. */}
                  {dh.title ? <span className="visually-hidden">, {dh.title}</span> : null}
                </button>
                <button type="button" className="icon-button icon-button--small dh-item__more" aria-label={t('dh.menu.label', { name: dh.name })} aria-haspopup="menu" onClick={(e) => openMenu(e, dh)} data-testid={`dh-menu-${dh.mentionHandle}`}>
                  <MoreIcon width={16} height={16} />
                </button>
              </li>
            );
          })}
        </ul>
      ) : data.all !== null ? (
        <p className="sidebar-empty">
          <SparkleIcon width={14} height={14} aria-hidden="true" />
          {t('dh.sidebar.empty')}
        </p>
      ) : null}
      <button type="button" className="sidebar-link" onClick={() => requestTasks(workspaceId, null)} aria-current={showing('tasks')} data-testid="open-tasks">
        <CheckIcon width={15} height={15} />
        {t('tasks.open')}
      </button>
      <button type="button" className="sidebar-link" onClick={() => requestKnowledge(workspaceId, null)} aria-current={showing('knowledge')} data-testid="open-knowledge">
        <BookIcon width={15} height={15} />
        {t('knowledge.open')}
      </button>
      {archivedCount > 0 ? (
        <button type="button" className="sidebar-link" onClick={() => setDialog({ kind: 'archived' })} data-testid="open-archived-dhs">
          <ArchiveIcon width={15} height={15} />
          {t('dh.archived.open', { count: archivedCount })}
        </button>
      ) : null}
      {menu ? (
        <Menu
          label={t('dh.menu.label', { name: menu.dh.name })}
          anchor={menu.anchor}
          onClose={() => setMenu(null)}
          testId="dh-menu"
          items={[
            { id: 'message', label: t('dh.menu.message'), onSelect: () => onMessage(menu.dh.id), testId: 'dh-menu-message' },
            { id: 'tasks', label: t('dh.menu.tasks'), onSelect: () => requestTasks(workspaceId, menu.dh.id), testId: 'dh-menu-tasks' },
            { id: 'knowledge', label: t('knowledge.menu'), onSelect: () => requestKnowledge(workspaceId, menu.dh.id), testId: 'dh-menu-knowledge' },
            { id: 'memory', label: t('memory.menu'), onSelect: () => setDialog({ kind: 'memory', dhId: menu.dh.id }), testId: 'dh-menu-memory' },
            { id: 'edit', label: t('dh.menu.edit'), onSelect: () => openProfile(menu.dh), testId: 'dh-menu-edit' },
            { id: 'archive', label: t('dh.archive'), onSelect: () => archive(menu.dh), testId: 'dh-menu-archive' },
            { id: 'delete', label: t('dh.delete.open'), onSelect: () => setDialog({ kind: 'delete', dhId: menu.dh.id }), tone: 'danger', separated: true, testId: 'dh-menu-delete' },
          ]}
        />
      ) : null}
      <Suspense fallback={null}>
        {dialog?.kind === 'new' ? (
          <NewDhDialog
            workspaceId={workspaceId}
            onCreated={(dh) => {
              data.put(dh);
              setDialog(null);
            }}
            onClose={closeDialog}
          />
        ) : null}
        {deleting ? (
          <DeleteDhDialog
            workspaceId={workspaceId}
            dh={deleting}
            onDeleted={() => {
              data.reload();
              setDialog(null);
            }}
            onClose={closeDialog}
          />
        ) : null}
        {remembering ? <MemoryDialog workspaceId={workspaceId} dh={remembering} members={props.members} onClose={closeDialog} /> : null}
        {dialog?.kind === 'archived' ? (
          <ArchivedDhDialog
            workspaceId={workspaceId}
            archived={(data.all ?? []).filter((d) => d.archived)}
            onRestored={data.put}
            onEdit={(dh) => {
              setDialog(null);
              openProfile(dh);
            }}
            onDelete={(dh) => setDialog({ kind: 'delete', dhId: dh.id })}
            onClose={closeDialog}
          />
        ) : null}
      </Suspense>
    </section>
  );
}
