/**
 * The rooms of the open workspace: the sidebar, the open room, a side panel
 * (thread, search, pinned messages, or the digital humans' tasks, knowledge
 * and profiles), the rooms dialogs and the command palette. Loads rooms and
 * members, routes message events to the loaded lists, and answers requests
 * to open a room or a panel from outside (notifications, sidebar, palette).
 */
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Member, Message, Room, SearchHit, Workspace } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import type { MarkdownReferences } from '../../lib/markdown/MarkdownView';
import { activeHtmlElement } from '../../lib/ui/useFocusTrap';
import { consumeDhPanelRequest, setShownDhPanel, useDhPanelRequest } from '../dh/dhPanelNavigation';
import { WorkspaceEmptyState } from '../workspaces/WorkspaceEmptyState';
import type { MentionCandidate } from './composer/matchMentions';
import { watchDraftRooms } from './composer/draftStore';
import { useMessageCommands } from './data/useMessageCommands';
import { useRoomCommands } from './data/useRoomCommands';
import { useWorkspaceRooms } from './data/useWorkspaceRooms';
import { paletteItems } from './palette/paletteItems';
import { ShortcutSheetHost } from './palette/ShortcutSheet';
import { lazyNamed } from '../../lib/ui/lazyNamed';

// Opened with Ctrl/⌘+K: loaded when first opened.
const CommandPalette = lazyNamed(() => import('./palette/CommandPalette'), 'CommandPalette');
import { RoomDialogs } from './RoomDialogs';
import type { RoomDialog } from './RoomDialogs';
import { consumeRoomRequest, setVisibleRoom, useRoomRequest } from './roomNavigation';
import { useReplyJobs } from '../agents/replyJobs';
import { presenceLevel, typingUserIds, useWorkspacePresence } from './presence/usePresence';
import { RoomSidePanel } from './RoomSidePanel';
import type { SidePanel } from './RoomSidePanel';
import { RoomView } from './room/RoomView';
import { RoomSidebar } from './sidebar/RoomSidebar';
import { adjacentRoom, roomTitle, sidebarSections } from './sidebar/sidebarSections';
import type { MessageActions } from './timeline/MessageContext';
import type { JumpRequest } from './timeline/MessageTimeline';
import { useAuthorLook } from './timeline/useAuthorLook';
import { useActiveRoom } from './useActiveRoom';
import { useRoomShortcuts } from './useRoomShortcuts';
import type { SettingsAnchor } from '../settings/settingsAnchors';

interface RoomsViewProps {
  workspace: Workspace;
  workspaces: readonly Workspace[];
  position: number;
  me: string;
  notify(text: string): void;
  onOpenWorkspace(id: string): void;
  onCustomize(): void;
  onCreateWorkspace(): void;
  /** Opens settings, scrolled to `anchor` with its heading focused when given. */
  onSettings(anchor?: SettingsAnchor): void;
}

export function RoomsView(props: RoomsViewProps): ReactNode {
  const { workspace, me, notify } = props;
  const workspaceId = workspace.id;
  const t = useT();
  const data = useWorkspaceRooms(workspaceId);
  const roomCommands = useRoomCommands(workspaceId, data.putRoom);
  const messageCommands = useMessageCommands(workspaceId);
  const sections = useMemo(() => sidebarSections(data.rooms ?? []), [data.rooms]);
  const active = useActiveRoom(workspaceId, data.rooms, sections.ordered);
  const room = active.room;
  const [panel, setPanel] = useState<SidePanel | null>(null);
  const [dialog, setDialog] = useState<RoomDialog | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [target, setTarget] = useState<JumpRequest | null>(null);
  const [draftRoomIds, setDraftRoomIds] = useState<ReadonlySet<string>>(new Set());

  const onError = useCallback((err: unknown) => notify(errorMessage(err, t)), [notify, t]);
  useReplyJobs(workspaceId);
  useEffect(() => watchDraftRooms(workspaceId, setDraftRoomIds), [workspaceId]);

  const membersById = useMemo(() => new Map(data.members.map((m) => [m.id, m])), [data.members]);
  const people = useWorkspacePresence(workspaceId);
  const typingIn = useCallback(
    (roomId: string, threadRootId: string | null) => typingUserIds(people, roomId, threadRootId, me).map((id) => membersById.get(id)?.displayName ?? id),
    [people, me, membersById],
  );
  const presenceOf = useCallback((userId: string) => presenceLevel(people, userId), [people]);
  const byHandle = useMemo(() => new Map(data.members.map((m) => [m.handle.toLowerCase(), m])), [data.members]);
  const channelsByName = useMemo(() => new Map((data.rooms ?? []).filter((r) => r.kind === 'channel').map((r) => [r.name.toLowerCase(), r])), [data.rooms]);

  const openRoom = useCallback(
    (roomId: string, messageId: string | null = null) => {
      active.open(roomId);
      // The search and the digital humans' views are not about one room: they stay.
      setPanel((p) => (p?.kind === 'search' || p?.kind === 'dh' ? p : null));
      setTarget(messageId ? { messageId, seq: Date.now() } : null);
    },
    [active],
  );

  const roomId = room?.id ?? null;
  useEffect(() => {
    setVisibleRoom(roomId ? { workspaceId, roomId } : null);
    return () => setVisibleRoom(null);
  }, [workspaceId, roomId]);

  const request = useRoomRequest();
  useEffect(() => {
    if (request?.workspaceId !== workspaceId) return;
    openRoom(request.roomId, request.messageId);
    consumeRoomRequest(request);
  }, [request, workspaceId, openRoom]);

  const panelRequest = useDhPanelRequest();
  useEffect(() => {
    if (panelRequest?.workspaceId !== workspaceId) return;
    // Taken before the panel shows: below 1,200 px the sidebar that opened it hides meanwhile.
    setPanel({ kind: 'dh', panel: panelRequest.panel, opener: activeHtmlElement() });
    consumeDhPanelRequest(panelRequest);
  }, [panelRequest, workspaceId]);
  const shownDhPanel = panel?.kind === 'dh' ? panel.panel : null;
  useEffect(() => {
    setShownDhPanel(workspaceId, shownDhPanel);
    return () => setShownDhPanel(workspaceId, null);
  }, [workspaceId, shownDhPanel]);

  const references = useMemo<MarkdownReferences>(
    () => ({
      mention: (handle) => {
        const member = byHandle.get(handle.toLowerCase());
        return member ? { label: member.displayName, self: member.id === me, digitalHuman: member.kind === 'dh' } : null;
      },
      room: (name) => {
        const found = channelsByName.get(name.toLowerCase());
        return found ? { id: found.id, name: found.name } : null;
      },
      onOpenRoom: (id) => openRoom(id),
    }),
    [byHandle, channelsByName, me, openRoom],
  );
  const candidates = useMemo<MentionCandidate[]>(
    () => data.members.filter((m) => m.id !== me).map((m: Member) => ({ id: m.id, handle: m.handle, displayName: m.displayName, kind: m.kind, inRoom: room?.memberIds.includes(m.id) ?? false })),
    [data.members, me, room],
  );
  const roomNames = useMemo(() => [...channelsByName.values()].filter((r) => !r.archived).map((r) => r.name), [channelsByName]);
  const authorLook = useAuthorLook(workspaceId, membersById);
  const context = useMemo(() => ({ me, references, candidates, roomNames, authorLook }), [me, references, candidates, roomNames, authorLook]);

  const makeActions = useCallback(
    (setEditing: (id: string | null) => void): MessageActions => ({
      react: (m, emoji, on) => void messageCommands.react(m, emoji, on).catch(onError),
      openThread: (m) => setPanel({ kind: 'thread', rootId: m.threadRootId ?? m.id, target: null }),
      startEdit: (m) => setEditing(m.id),
      stopEdit: () => setEditing(null),
      saveEdit: async (m, text) => void (await messageCommands.edit(m, text)),
      remove: (m) => setDialog({ kind: 'delete', message: m }),
      pin: (m, on) => void messageCommands.pin(m, on).catch(onError),
    }),
    [messageCommands, onError],
  );

  const messageMember = useCallback(
    (memberId: string) => {
      const existing = (data.rooms ?? []).find((r) => r.kind === 'dm' && r.memberIds.length === 2 && r.memberIds.includes(memberId) && r.memberIds.includes(me));
      if (existing) openRoom(existing.id);
      else roomCommands.create({ kind: 'dm', memberIds: [memberId] }).then((r) => openRoom(r.id), onError);
    },
    [data.rooms, me, openRoom, roomCommands, onError],
  );

  const markAllRead = useCallback(() => void roomCommands.markAllRead().catch(onError), [roomCommands, onError]);
  const openSearch = useCallback(() => setPanel((p) => (p?.kind === 'search' ? p : { kind: 'search', query: '' })), []);

  useRoomShortcuts({
    onPalette: () => setPaletteOpen(true),
    onSearch: openSearch,
    onStep: (step, onlyUnread) => {
      const next = adjacentRoom(sections.ordered, room?.id ?? null, step, onlyUnread);
      if (next) openRoom(next.id);
    },
  });

  function openHit(hit: SearchHit): void {
    if (hit.message.threadRootId) {
      openRoom(hit.roomId, hit.message.threadRootId);
      setPanel({ kind: 'thread', rootId: hit.message.threadRootId, target: { messageId: hit.message.id, seq: Date.now() } });
    } else {
      openRoom(hit.roomId, hit.message.id);
    }
  }

  const title = room ? roomTitle(room, membersById, me) : '';
  const hasUnread = (data.rooms ?? []).some((r) => r.unread > 0 || r.mentions > 0);
  const loading = data.rooms === null;
  const panelShown = panel !== null && (panel.kind === 'dh' || room !== null);

  return (
    <div className={`rooms${panelShown ? ' rooms--panel' : ''}${panel?.kind === 'dh' ? ' rooms--view-panel' : ''}`} data-testid="rooms-view">
      <RoomSidebar
        workspaceName={workspace.name}
        sections={sections}
        membersById={membersById}
        presenceOf={presenceOf}
        workspaceId={workspaceId}
        onMessageMember={messageMember}
        me={me}
        activeRoomId={room?.id ?? null}
        draftRoomIds={draftRoomIds}
        hasUnread={hasUnread}
        onOpen={(id) => openRoom(id)}
        onCreateChannel={() => setDialog({ kind: 'create-channel' })}
        onNewDm={() => setDialog({ kind: 'new-dm' })}
        onBrowse={() => setDialog({ kind: 'browse' })}
        onSearch={openSearch}
        onMarkAllRead={markAllRead}
      />
      <div className="rooms__main">
        {room ? (
          <RoomView
            key={room.id}
            workspaceId={workspaceId}
            room={room}
            title={title}
            context={context}
            makeActions={makeActions}
            messageCommands={messageCommands}
            roomCommands={roomCommands}
            target={target}
            onError={onError}
            onMembers={() => setDialog({ kind: 'members' })}
            onPinned={() => setPanel((p) => (p?.kind === 'pinned' ? null : { kind: 'pinned' }))}
            onEditTopic={() => setDialog({ kind: 'topic' })}
            typingIn={typingIn}
          />
        ) : loading && data.error ? (
          <div className="rooms__loading" role="alert" data-testid="rooms-failed">
            <p>{errorMessage(data.error, t)}</p>
            <button type="button" className="button" onClick={data.reload}>
              {t('app.retry')}
            </button>
          </div>
        ) : loading ? (
          <div className="rooms__loading" role="status" aria-label={t('rooms.timeline.loading')}>
            <span className="spinner" />
          </div>
        ) : (
          <div className="main__content">
            <WorkspaceEmptyState
              workspace={workspace}
              position={props.position}
              onCustomize={props.onCustomize}
              onCreateWorkspace={props.onCreateWorkspace}
              onCreateRoom={() => setDialog({ kind: 'create-channel' })}
              onCreateDh={() => setDialog({ kind: 'new-dh' })}
            />
          </div>
        )}
      </div>
      {panelShown ? (
        <RoomSidePanel
          panel={panel}
          workspaceId={workspaceId}
          room={room}
          roomTitle={title}
          members={data.members}
          context={context}
          makeActions={makeActions}
          messageCommands={messageCommands}
          onError={onError}
          onOpenHit={openHit}
          onOpenMessage={(m: Message) => openRoom(m.roomId, m.id)}
          onClose={() => setPanel(null)}
          typingIn={typingIn}
        />
      ) : null}
      <RoomDialogs
        workspaceId={workspaceId}
        dialog={dialog}
        room={room}
        roomTitle={title}
        rooms={data.rooms ?? []}
        members={data.members}
        me={me}
        roomCommands={roomCommands}
        messageCommands={messageCommands}
        onOpenRoom={(r: Room) => {
          setDialog(null);
          openRoom(r.id);
        }}
        onClose={() => setDialog(null)}
      />
      {paletteOpen ? (
        <Suspense fallback={null}>
          <CommandPalette
            workspaceId={workspaceId}
            onClose={() => setPaletteOpen(false)}
            items={paletteItems({
              rooms: data.rooms ?? [],
              members: data.members,
              membersById,
              me,
              workspaces: props.workspaces,
              currentWorkspaceId: workspaceId,
              t,
              openRoom: (id) => openRoom(id),
              messageMember,
              openWorkspace: props.onOpenWorkspace,
              createChannel: () => setDialog({ kind: 'create-channel' }),
              newDm: () => setDialog({ kind: 'new-dm' }),
              search: openSearch,
              browse: () => setDialog({ kind: 'browse' }),
              markAllRead,
              settings: props.onSettings,
              createWorkspace: props.onCreateWorkspace,
              newDh: () => setDialog({ kind: 'new-dh' }),
              colorOf: (id) => authorLook(id, '').color,
            })}
          />
        </Suspense>
      ) : null}
      <ShortcutSheetHost />
    </div>
  );
}
