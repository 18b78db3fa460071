/**
 * The rooms fixture: a workspace with many messages, written through the real
 * write path (room docs via DocManager.transact, projections and FTS5 index
 * following each change) with many writes per SQLite transaction, as
 * writeMetaUpdates does, without an fsync per batch. One room holds `bigRoom` messages; the rest spread
 * over the other rooms. Always built at the size asked: a smaller corpus is
 * never measured under the bigger name (runRoomsBench caches the result).
 */
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { writeMemberRecord } from '../../src-main/storage/rooms/metaRoomsFormat';
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { messageCorpus, type MessageCorpus } from './messageCorpus';
import { randomInt, seededRandom } from './seededRandom';
import { yieldToLoop } from './yieldToLoop';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

/** The fixture as stored in the bench cache (JSON only). */
export interface MessageFixture {
  workspaceId: string;
  bigRoomId: string;
  rooms: { id: string; name: string }[];
  members: { id: string; displayName: string }[];
  /** Messages written: always the total asked. */
  written: number;
  buildMs: number;
  /** Time of the first and last message. */
  firstAt: number;
  lastAt: number;
}

/** The fixture with the corpus its messages were drawn from (rebuilt from its seed, not stored). */
export interface MessageWorkspace extends MessageFixture {
  corpus: MessageCorpus;
}

/** Attaches the corpus to a stored fixture. */
export function withCorpus(fixture: MessageFixture): MessageWorkspace {
  return { ...fixture, corpus: messageCorpus() };
}

export interface BuildOptions {
  total: number;
  bigRoom: number;
  rooms: number;
  perCommit: number;
}

const START = Date.UTC(2024, 0, 1);
const PEOPLE = ['Ada Veyra', 'Grace Holm', 'Alan Trevis', 'Katherine Jolan', 'Linus Tarvo', 'Barbara Lisk', 'Donald Kerran', 'Margaret Hallen'];

export async function buildMessageWorkspace(dataDir: string, options: BuildOptions): Promise<MessageFixture> {
  const started = performance.now();
  logProgress(`building ${options.total} messages in ${options.rooms} rooms…`);
  const random = seededRandom(4);
  const corpus = messageCorpus();
  const core = await createBenchCore(dataDir);
  let workspaceId: string;
  let rooms: { id: string; name: string }[];
  let members: { id: string; displayName: string }[];
  try {
    workspaceId = core.workspaces.create({ name: 'Message bench', kind: 'team' }).id;
    const docs = core.workspaces.handle(workspaceId).docs;
    members = PEOPLE.map((displayName, i) => ({ id: `member-${i}`, displayName }));
    docs.transact('meta', txOrigin('local', 'bench'), (doc) => {
      for (const [i, m] of members.entries()) doc.getMap('members').set(m.id, writeMemberRecord({ ...m, kind: 'user', email: '', joinedAt: START + i }));
    });
    rooms = [];
    for (let r = 0; r < options.rooms; r++) {
      const result = await core.dispatch('room.create', { workspaceId, name: r === 0 ? 'big-room' : `room-${r}`, kind: 'channel', memberIds: members.map((m) => m.id) });
      if (!result.ok) throw new Error(result.error.message);
      rooms.push({ id: (result.value as { id: string }).id, name: r === 0 ? 'big-room' : `room-${r}` });
    }
  } finally {
    await core.close();
  }

  const rest = Math.max(0, options.total - options.bigRoom);
  const perRoom = rooms.length > 1 ? Math.ceil(rest / (rooms.length - 1)) : 0;
  // Messages are spread over a year in every room.
  const span = 365 * 24 * 3600 * 1000;
  let written = 0;
  let lastAt = START;
  for (const [index, room] of rooms.entries()) {
    const count = index === 0 ? Math.min(options.bigRoom, options.total) : Math.min(perRoom, options.total - written);
    if (count <= 0) break;
    const handle = openWorkspaceHandle(dataDir, workspaceId, { schema: workspaceSchema, create: false });
    // The fixture need not survive a power cut: skip the fsync of each batch (WAL stays consistent).
    handle.storage.db.pragma('synchronous = NORMAL');
    try {
      const docName = roomDocName(room.id);
      const step = span / count;
      const roots: string[] = [];
      for (let n = 0; n < count; ) {
        const batch = Math.min(options.perCommit, count - n);
        handle.storage.log.writeTransaction(() => {
          for (let i = 0; i < batch; i++, n++) {
            const id = `${room.id.slice(0, 6)}-${n}`;
            const author = members[randomInt(random, members.length)]!;
            const reply = roots.length > 0 && random() < 0.05 ? roots[randomInt(random, roots.length)]! : null;
            const mention = random() < 0.03 ? members[randomInt(random, members.length)]! : null;
            const createdAt = START + Math.floor(n * step) + randomInt(random, 1000);
            lastAt = Math.max(lastAt, createdAt);
            const text = corpus.sentence(random);
            handle.docs.transact(docName, txOrigin('local', author.id), (doc) => {
              doc.getMap('messages').set(
                id,
                writeMessageRecord({ id, authorId: author.id, text: mention ? `@${mention.displayName.split(' ')[0]!.toLowerCase()} ${text}` : text, createdAt, editedAt: null, deleted: false, threadRootId: reply, mentions: mention ? [mention.id] : [] }),
              );
            });
            if (reply === null) {
              roots.push(id);
              if (roots.length > 50) roots.shift();
            }
          }
        });
        written += batch;
        // Lets scheduled compactions run, as they would between a user's writes.
        await yieldToLoop();
      }
    } finally {
      handle.close();
    }
    if (index % 10 === 0) logProgress(`  ${written} messages written (${Math.round(performance.now() - started)} ms)`);
  }
  if (written !== options.total) throw new Error(`message fixture: wrote ${written} messages, asked ${options.total}`);
  return { workspaceId, bigRoomId: rooms[0]!.id, rooms, members, written, buildMs: performance.now() - started, firstAt: START, lastAt };
}
