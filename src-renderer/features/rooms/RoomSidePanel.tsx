/** The panel beside the open room: a thread, the search, or the pinned messages. */
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import type { Message, Room, SearchHit } from '../../../src-main/common/contract';
import type { MessageCommands } from './data/useMessageCommands';
import { ThreadPanel } from './thread/ThreadPanel';
import type { MessageContextValue } from './timeline/MessageContext';
import type { JumpRequest } from './timeline/MessageTimeline';
import { lazyNamed } from '../../lib/ui/lazyNamed';

// Opened on demand: loaded when first opened.
const PinnedPanel = lazyNamed(() => import('./room/PinnedPanel'), 'PinnedPanel');
const SearchPanel = lazyNamed(() => import('./search/SearchPanel'), 'SearchPanel');

export type SidePanel = { kind: 'thread'; rootId: string; target: JumpRequest | null } | { kind: 'search'; query: string } | { kind: 'pinned' };

interface RoomSidePanelProps {
  panel: SidePanel;
  workspaceId: string;
  room: Room;
  roomTitle: string;
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
