/**
 * Which digital humans a new message calls on: those it @mentions, and in a
 * direct message, every DH in it. Messages by DHs never trigger one (a DH
 * calls another through a hand-off, so two DHs cannot talk in a loop);
 * edits, tombstones and old messages (a device catching up on history) do
 * not either.
 */
import type { DigitalHuman } from '../../common/contract';
import type { MessageRecord } from '../../storage/rooms/roomDocFormat';
import type { RoomRecord } from '../../storage/rooms/metaRoomsFormat';

export interface TriggerInput {
  record: MessageRecord;
  room: RoomRecord;
  dhs: readonly DigitalHuman[];
  now: number;
  maxAgeMs: number;
}

export function detectTriggers(input: TriggerInput): DigitalHuman[] {
  const { record, room } = input;
  if (record.deleted || record.editedAt !== null || room.archived) return [];
  if (input.now - record.createdAt > input.maxAgeMs) return [];
  const active = input.dhs.filter((dh) => !dh.archived);
  if (active.some((dh) => dh.id === record.authorId)) return [];
  return active.filter((dh) => {
    const mentioned = record.mentions.includes(dh.id);
    const inDm = room.kind === 'dm' && room.members.includes(dh.id);
    // A DH reads a private room or a DM only when it is in it.
    const mayRead = !room.private || room.members.includes(dh.id);
    return (mentioned || inDm) && mayRead;
  });
}
