/**
 * The panel beside the open room: a thread, the search, the pinned messages,
 * or a view of the digital humans (tasks, knowledge, a profile), which shows
 * even when no room is open.
 */
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import type { Member, Message, Room, SearchHit } from '../../../src-main/common/contract';
import type { DhPanel } from '../dh/dhPanelNavigation';
import type { MessageCommands } from './data/useMessageCommands';
import { ThreadPanel } from './thread/ThreadPanel';
import type { MessageContextValue } from './timeline/MessageContext';
import type { JumpRequest } from './timeline/MessageTimeline';
import { lazyNamed } from '../../lib/ui/lazyNamed';

// Opened on demand: loaded when first opened.
const DhSidePanel = lazyNamed(() => import('../dh/DhSidePanel'), 'DhSidePanel');
const PinnedPanel = lazyNamed(() => import('./room/PinnedPanel'), 'PinnedPanel');
const SearchPanel = lazyNamed(() => import('./search/SearchPanel'), 'SearchPanel');

export type SidePanel =
  | { kind: 'thread'; rootId: string; target: JumpRequest | null }
  | { kind: 'search'; query: string }
  | { kind: 'pinned' }
  /** Opened from `opener`, where the focus goes back on close. */
  | { kind: 'dh'; panel: DhPanel; opener: HTMLElement | null };

interface RoomSidePanelProps {
  panel: SidePanel;
  workspaceId: string;
  room: Room | null;
  roomTitle: string;
  members: readonly Member[];
  context: Omit<MessageContextValue, 'actions' | 'readOnly'>;
  makeActions(setEditing: (id: string | null) => void): MessageContextValue['actions'];
  messageCommands: MessageCommands;
  onError(err: unknown): void;
  onOpenHit(hit: SearchHit): void;
  onOpenMessage(message: Message): void;
  onClose(): void;
  typingIn(roomId: string, threadRootId: string | null): readonly string[];
}

export function RoomSidePanel(props: RoomSidePanelProps): ReactNode {
  const { panel, workspaceId, room } = props;
  if (panel.kind === 'dh') {
    return (
      <Suspense fallback={null}>
        <DhSidePanel workspaceId={workspaceId} panel={panel.panel} members={props.members} me={props.context.me} opener={panel.opener} onClose={props.onClose} />
      </Suspense>
    );
  }
  if (!room) return null;
  switch (panel.kind) {
    case 'thread':
      return (
        <ThreadPanel
          key={`${room.id}/${panel.rootId}`}
          workspaceId={workspaceId}
          room={room}
          roomTitle={props.roomTitle}
          rootId={panel.rootId}
          context={props.context}
          makeActions={props.makeActions}
          messageCommands={props.messageCommands}
          target={panel.target}
          onError={props.onError}
          onClose={props.onClose}
          typingIn={props.typingIn}
        />
      );
    case 'search':
      return (
        <Suspense fallback={null}>
          <SearchPanel workspaceId={workspaceId} initialQuery={panel.query} onOpenHit={props.onOpenHit} onClose={props.onClose} />
        </Suspense>
      );
    case 'pinned':
      return (
        <Suspense fallback={null}>
          <PinnedPanel workspaceId={workspaceId} room={room} references={props.context.references} onOpen={props.onOpenMessage} onClose={props.onClose} />
        </Suspense>
      );
  }
}
