/**
 * A room as a Markdown transcript for a workspace export: its name and
 * topic, then every message oldest first, each under its author's current
 * name and its time in UTC. Replies in a thread sit under their root,
 * indented as a quote. Message texts are Markdown already and are kept as
 * written; a deleted message leaves a placeholder, as in the app.
 */
import type * as Y from 'yjs';
import { readDhRecord } from '../dh/metaDhFormat';
import { readMemberRecord, readRoomRecord, type RoomRecord } from '../rooms/metaRoomsFormat';
import { readMessageRecord, type MessageRecord } from '../rooms/roomDocFormat';

/** The rooms of a `meta` doc and a function naming its members and digital humans (the id when unknown). */
export function readRoomsAndNames(meta: Y.Doc): { rooms: RoomRecord[]; nameOf: (id: string) => string } {
  const names = new Map<string, string>();
  meta.getMap('members').forEach((value, key) => {
    const member = readMemberRecord(key, value);
    if (member) names.set(member.id, member.displayName);
  });
  meta.getMap('dhs').forEach((value, key) => {
    const dh = readDhRecord(key, value);
    if (dh) names.set(dh.id, dh.name);
  });
  const rooms: RoomRecord[] = [];
  meta.getMap('rooms').forEach((value, key) => {
    const room = readRoomRecord(key, value);
    if (room) rooms.push(room);
  });
  rooms.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { rooms, nameOf: (id) => names.get(id) ?? id };
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function block(message: MessageRecord, nameOf: (id: string) => string): string[] {
  const edited = message.editedAt !== null && !message.deleted ? ' (edited)' : '';
  const text = message.deleted ? '_This message was deleted._' : message.text;
  return [`**${nameOf(message.authorId)}** · ${utc(message.createdAt)}${edited}`, '', text];
}

/** The transcript of `room` from its doc. */
export function roomTranscript(room: RoomRecord, roomDoc: Y.Doc, nameOf: (id: string) => string): string {
  const messages: MessageRecord[] = [];
  roomDoc.getMap('messages').forEach((value, key) => {
    const message = readMessageRecord(key, value);
    if (message) messages.push(message);
  });
  messages.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const replies = new Map<string, MessageRecord[]>();
  const roots: MessageRecord[] = [];
  const ids = new Set(messages.map((m) => m.id));
  for (const m of messages) {
    if (m.threadRootId === null || !ids.has(m.threadRootId)) roots.push(m);
    else {
      // Appended in place: a thread of thousands of replies must not be copied once per reply.
      const thread = replies.get(m.threadRootId);
      if (thread) thread.push(m);
      else replies.set(m.threadRootId, [m]);
    }
  }
  const title = room.kind === 'dm' ? `Direct messages: ${room.members.map(nameOf).join(', ')}` : `#${room.name}`;
  const lines = [`# ${title}`, ''];
  if (room.topic) lines.push(room.topic, '');
  lines.push(`${messages.length} message${messages.length === 1 ? '' : 's'}${room.archived ? ' · archived' : ''}`, '');
  for (const root of roots) {
    lines.push('---', '', ...block(root, nameOf), '');
    for (const reply of replies.get(root.id) ?? []) lines.push(...block(reply, nameOf).map((line) => (line ? `> ${line}` : '>')), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
