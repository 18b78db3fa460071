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

/** Lines per chunk of a transcript: some 100 messages, a few tens of KB. */
const LINES_PER_CHUNK = 500;

/** The lines of the transcript of `room`, in batches (never empty), before the final trim. */
function* transcriptLines(room: RoomRecord, roomDoc: Y.Doc, nameOf: (id: string) => string): Generator<string[]> {
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
  let lines = [`# ${title}`, ''];
  if (room.topic) lines.push(room.topic, '');
  lines.push(`${messages.length} message${messages.length === 1 ? '' : 's'}${room.archived ? ' · archived' : ''}`, '');
  for (const root of roots) {
    lines.push('---', '', ...block(root, nameOf), '');
    for (const reply of replies.get(root.id) ?? []) lines.push(...block(reply, nameOf).map((line) => (line ? `> ${line}` : '>')), '');
    if (lines.length >= LINES_PER_CHUNK) {
      yield lines;
      lines = [];
    }
  }
  if (lines.length > 0) yield lines;
}

/** Where the whitespace that `trimEnd` would remove from `text` starts. */
function trailingSpaceStart(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end -= 1;
  return end;
}

/**
 * The transcript of `room` from its doc, chunk by chunk: a large room never becomes one string.
 * Joined, the chunks are `lines.join('\n').trimEnd() + '\n'`: trailing whitespace is held back
 * until text follows it, and dropped at the end.
 */
export function* roomTranscriptChunks(room: RoomRecord, roomDoc: Y.Doc, nameOf: (id: string) => string): Generator<string> {
  let held = '';
  let first = true;
  for (const lines of transcriptLines(room, roomDoc, nameOf)) {
    const text = `${first ? '' : '\n'}${lines.join('\n')}`;
    first = false;
    const end = trailingSpaceStart(text);
    if (end === 0) {
      held += text;
      continue;
    }
    yield held + text.slice(0, end);
    held = text.slice(end);
  }
  yield '\n';
}

/** The transcript of `room` from its doc, whole. */
export function roomTranscript(room: RoomRecord, roomDoc: Y.Doc, nameOf: (id: string) => string): string {
  return [...roomTranscriptChunks(room, roomDoc, nameOf)].join('');
}
