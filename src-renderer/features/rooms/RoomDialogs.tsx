/** The one rooms dialog that is open, if any. */
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import type { Member, Message, Room } from '../../../src-main/common/contract';
import type { MessageCommands } from './data/useMessageCommands';
import type { RoomCommands } from './data/useRoomCommands';
import { lazyNamed } from '../../lib/ui/lazyNamed';

// Loaded when first opened (not on the first screen).
const BrowseChannelsDialog = lazyNamed(() => import('./dialogs/BrowseChannelsDialog'), 'BrowseChannelsDialog');
const CreateChannelDialog = lazyNamed(() => import('./dialogs/CreateChannelDialog'), 'CreateChannelDialog');
const DeleteMessageDialog = lazyNamed(() => import('./dialogs/DeleteMessageDialog'), 'DeleteMessageDialog');
const MembersDialog = lazyNamed(() => import('./dialogs/MembersDialog'), 'MembersDialog');
const NewDhDialog = lazyNamed(() => import('../dh/NewDhDialog'), 'NewDhDialog');
const NewDmDialog = lazyNamed(() => import('./dialogs/NewDmDialog'), 'NewDmDialog');
const TopicDialog = lazyNamed(() => import('./dialogs/TopicDialog'), 'TopicDialog');

export type RoomDialog =
  | { kind: 'create-channel' }
  | { kind: 'new-dm' }
  | { kind: 'browse' }
  | { kind: 'new-dh' }
  | { kind: 'topic' }
  | { kind: 'members' }
  | { kind: 'delete'; message: Message };

interface RoomDialogsProps {
  workspaceId: string;
  dialog: RoomDialog | null;
  room: Room | null;
  roomTitle: string;
  rooms: readonly Room[];
  members: readonly Member[];
  me: string;
  roomCommands: RoomCommands;
  messageCommands: MessageCommands;
  onOpenRoom(room: Room): void;
  onClose(): void;
}

export function RoomDialogs(props: RoomDialogsProps): ReactNode {
  return (
    <Suspense fallback={null}>
      <OpenRoomDialog {...props} />
    </Suspense>
  );
}

function OpenRoomDialog(props: RoomDialogsProps): ReactNode {
  const { dialog, room, roomCommands, onClose } = props;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create-channel':
      return <CreateChannelDialog commands={roomCommands} onCreated={props.onOpenRoom} onClose={onClose} />;
    case 'new-dm':
      return <NewDmDialog members={props.members} rooms={props.rooms} me={props.me} commands={roomCommands} onOpen={props.onOpenRoom} onClose={onClose} />;
    case 'browse':
      return <BrowseChannelsDialog rooms={props.rooms} onOpen={props.onOpenRoom} onClose={onClose} />;
    case 'new-dh':
      // The digital humans section follows `dh.changed`: the new one appears there.
      return <NewDhDialog workspaceId={props.workspaceId} onCreated={onClose} onClose={onClose} />;
    case 'delete':
      return <DeleteMessageDialog message={dialog.message} onDelete={props.messageCommands.remove} onClose={onClose} />;
    default:
      break;
  }
  if (!room) return null;
  switch (dialog.kind) {
    case 'topic':
      return <TopicDialog room={room} onSave={(topic) => roomCommands.update(room.id, { topic })} onClose={onClose} />;
    case 'members':
      return <MembersDialog room={room} title={props.roomTitle} members={props.members} me={props.me} commands={roomCommands} onClose={onClose} />;
  }
}
