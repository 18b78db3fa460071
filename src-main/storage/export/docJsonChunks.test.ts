/**
 * The streamed JSON and transcript of an export are, joined, byte for byte
 * what the whole-string versions gave (kept here as the reference): an
 * export made in chunks holds the same content as before.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../tests/fixtures/seededRandom';
import type { RoomRecord } from '../rooms/metaRoomsFormat';
import { readMessageRecord, writeMessageRecord, type MessageRecord } from '../rooms/roomDocFormat';
import { docJsonChunks } from './docJsonChunks';
import { roomTranscriptChunks } from './roomTranscript';

/** The export's JSON as it was written before it streamed. */
function wholeDocJson(doc: Y.Doc): string {
  const roots: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) roots[name] = doc.getMap(name).toJSON();
  return `${JSON.stringify(roots, null, 2)}\n`;
}

/** The transcript as it was written before it streamed. */
function wholeTranscript(room: RoomRecord, roomDoc: Y.Doc, nameOf: (id: string) => string): string {
  const messages: MessageRecord[] = [];
  roomDoc.getMap('messages').forEach((value, key) => {
    const message = readMessageRecord(key, value);
    if (message) messages.push(message);
  });
  messages.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const ids = new Set(messages.map((m) => m.id));
  const roots = messages.filter((m) => m.threadRootId === null || !ids.has(m.threadRootId));
  const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const block = (m: MessageRecord): string[] => [`**${nameOf(m.authorId)}** · ${utc(m.createdAt)}${m.editedAt !== null && !m.deleted ? ' (edited)' : ''}`, '', m.deleted ? '_This message was deleted._' : m.text];
  const title = room.kind === 'dm' ? `Direct messages: ${room.members.map(nameOf).join(', ')}` : `#${room.name}`;
  const lines = [`# ${title}`, ''];
  if (room.topic) lines.push(room.topic, '');
  lines.push(`${messages.length} message${messages.length === 1 ? '' : 's'}${room.archived ? ' · archived' : ''}`, '');
  for (const root of roots) {
    lines.push('---', '', ...block(root), '');
    for (const reply of messages.filter((m) => m.threadRootId === root.id && m !== root)) lines.push(...block(reply).map((line) => (line ? `> ${line}` : '>')), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const TEXTS = ['Hello', 'Line one\nline two', 'ends with spaces   ', 'ends with newlines\n\n\n', '', '  ', 'quote "x" \\ é 😀', '\t\u00a0'];

function roomDoc(seed: number, count: number): Y.Doc {
  const random = seededRandom(seed);
  const doc = new Y.Doc();
  const messages = doc.getMap('messages');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Some ids look like array indices: a plain object puts those first.
    const id = random.next() < 0.2 ? String(random.int(0, 5000)) : `m-${random.int(0, 1e9).toString(36)}`;
    const threadRootId = ids.length > 0 && random.next() < 0.3 ? random.pick(ids) : null;
    const deleted = random.next() < 0.1;
    messages.set(id, writeMessageRecord({ id, authorId: `member-${random.int(1, 4)}`, text: random.pick(TEXTS), createdAt: 1_700_000_000_000 + random.int(0, 1e6), editedAt: random.next() < 0.1 ? 1_700_002_000_000 : null, deleted, threadRootId, mentions: [] }));
    ids.push(id);
  }
  const reads = doc.getMap('reads');
  reads.set('member-1', 12);
  reads.set('__proto__', 3);
  doc.getMap('empty');
  const nested = new Y.Map<unknown>();
  nested.set('list', [1, { a: [] }, {}]);
  nested.set('gone', undefined);
  doc.getMap('pins').set('7', nested);
  return doc;
}

const room: RoomRecord = { id: 'r1', name: 'delivery', kind: 'channel', private: false, topic: 'Weekly', archived: false, createdAt: 0, createdBy: 'member-1', members: ['member-1'], joinedAt: {} };

describe('docJsonChunks and roomTranscriptChunks', () => {
  it.each([1, 2, 3])('join to exactly the whole JSON and transcript (seed %i), in more than one chunk for a large room', (seed) => {
    const doc = roomDoc(seed, 3000);
    const chunks = [...docJsonChunks(doc)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(wholeDocJson(doc));
    const nameOf = (id: string): string => (id === 'member-2' ? 'Ada' : id);
    const transcript = [...roomTranscriptChunks(room, doc, nameOf)];
    expect(transcript.length).toBeGreaterThan(2);
    expect(transcript.join('')).toBe(wholeTranscript(room, doc, nameOf));
    doc.destroy();
  });

  it('gives the same bytes for an empty doc, an empty room and a room whose last message ends in blanks', () => {
    const empty = new Y.Doc();
    expect([...docJsonChunks(empty)].join('')).toBe(wholeDocJson(empty));
    expect([...roomTranscriptChunks({ ...room, topic: '' }, empty, (id) => id)].join('')).toBe(wholeTranscript({ ...room, topic: '' }, empty, (id) => id));
    const blanks = new Y.Doc();
    blanks.getMap('messages').set('a', writeMessageRecord({ id: 'a', authorId: 'm', text: 'last   \n\n', createdAt: 1, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
    const text = [...roomTranscriptChunks(room, blanks, (id) => id)].join('');
    expect(text).toBe(wholeTranscript(room, blanks, (id) => id));
    expect(text.endsWith('last\n')).toBe(true);
  });
});
