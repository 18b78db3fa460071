/**
 * The calls that change rooms and read state, each applying the room the
 * core returns at once (its `rooms.changed` event confirms it).
 */
import { useMemo } from 'react';
import type { ChannelInput, Room } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';

export interface RoomCommands {
  create(input: Omit<ChannelInput<'room.create'>, 'workspaceId'>): Promise<Room>;
  update(roomId: string, change: { name?: string; topic?: string; archived?: boolean }): Promise<Room>;
  setMuted(roomId: string, muted: boolean): Promise<Room>;
  join(roomId: string): Promise<Room>;
  leave(roomId: string): Promise<Room>;
  addMember(roomId: string, memberId: string): Promise<Room>;
  removeMember(roomId: string, memberId: string): Promise<Room>;
  /** Moves the read pointer to `messageId`. */
  markRead(roomId: string, messageId: string): Promise<Room>;
  /** Moves the read pointer to the room's latest message, whatever is loaded. */
  markRoomRead(roomId: string): Promise<Room | null>;
  markAllRead(): Promise<void>;
}

export function useRoomCommands(workspaceId: string, putRoom: (room: Room) => void): RoomCommands {
  return useMemo(() => {
    async function apply(call: Promise<Room>): Promise<Room> {
      const room = await call;
      putRoom(room);
      return room;
    }
    const commands: RoomCommands = {
      create: (input) => apply(api.invoke('room.create', { ...input, workspaceId })),
      update: (roomId, change) => apply(api.invoke('room.update', { workspaceId, roomId, ...change })),
      setMuted: (roomId, muted) => apply(api.invoke('room.setMuted', { workspaceId, roomId, muted })),
      join: (roomId) => apply(api.invoke('room.join', { workspaceId, roomId })),
      leave: (roomId) => apply(api.invoke('room.leave', { workspaceId, roomId })),
      addMember: (roomId, memberId) => apply(api.invoke('room.addMember', { workspaceId, roomId, memberId })),
      removeMember: (roomId, memberId) => apply(api.invoke('room.removeMember', { workspaceId, roomId, memberId })),
      markRead: (roomId, messageId) => apply(api.invoke('read.mark', { workspaceId, roomId, messageId })),
      async markRoomRead(roomId) {
        const page = await api.invoke('message.list', { workspaceId, roomId, limit: 1 });
        const last = page.messages.at(-1);
        return last ? commands.markRead(roomId, last.id) : null;
      },
      async markAllRead() {
        await api.invoke('read.markAll', { workspaceId });
      },
    };
    return commands;
  }, [workspaceId, putRoom]);
}
