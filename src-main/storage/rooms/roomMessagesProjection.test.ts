import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../tests/fixtures/seededRandom';
import { makeTempDir } from '../../../tests/fixtures/tempDir';
import { openWorkspaceHandle, type WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { txOrigin } from '../../sync/TxOrigin';
import type { SqliteDb } from '../openSqlite';
import { ProjectionRunner } from '../ProjectionRunner';
import { reactionKey, roomDocName, writeMessageRecord, writeReadPointer } from './roomDocFormat';
import { roomMessagesProjection } from './roomMessagesProjection';
import { workspaceSchema } from '../../core/modules/workspaceSchema';

const WS = 'wsrooms001';
const ROOM = roomDocName('r1');

/** Everything the projection holds, as comparable text. */
function snapshot(db: SqliteDb): string {
  const rows = (sql: string): unknown[] => db.prepare(sql).all();
  return JSON.stringify({
    messages: rows('SELECT room_id, id, author_id, text, created_at, edited_at, deleted, thread_root_id, mentions, pinned FROM messages ORDER BY room_id, id'),
    reactions: rows('SELECT * FROM message_reactions ORDER BY 1, 2, 3, 4'),
    mentions: rows('SELECT * FROM message_mentions ORDER BY 1, 2, 3, 4'),
    reads: rows('SELECT * FROM read_pointers ORDER BY 1, 2'),
    fts: rows(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH '"word"' ORDER BY rowid`).length,
  });
}

/** One random change to the room doc, as people make them. */
function randomChange(handle: WorkspaceHandle, random: ReturnType<typeof seededRandom>, n: number): void {
  handle.docs.transact(ROOM, txOrigin(random.next() < 0.5 ? 'local' : 'remote'), (doc) => {
    const id = `m${random.int(0, 30)}`;
    const roll = random.next();
    if (roll < 0.5) {
      const deleted = random.next() < 0.15;
      doc.getMap('messages').set(
        id,
        writeMessageRecord({ id, authorId: `u${random.int(0, 3)}`, text: `word ${n} ${random.pick(['alpha', 'beta', 'café'])}`, createdAt: 1000 + random.int(0, 500), editedAt: random.next() < 0.3 ? n : null, deleted, threadRootId: random.next() < 0.2 ? `m${random.int(0, 30)}` : null, mentions: random.next() < 0.3 ? [`u${random.int(0, 3)}`] : [] }),
      );
    } else if (roll < 0.6) {
      doc.getMap('messages').delete(id);
    } else if (roll < 0.8) {
      const key = reactionKey(id, `u${random.int(0, 3)}`, random.pick(['👍', '🎉']));
      if (doc.getMap('reactions').has(key)) doc.getMap('reactions').delete(key);
      else doc.getMap('reactions').set(key, n);
    } else if (roll < 0.9) {
      if (doc.getMap('pins').has(id)) doc.getMap('pins').delete(id);
      else doc.getMap('pins').set(id, { by: 'u0', at: n });
    } else {
      doc.getMap('reads').set(`u${random.int(0, 3)}`, writeReadPointer({ messageId: id, createdAt: 1000 + n }));
    }
  });
}

describe('room messages projection', () => {
  it('applied change by change, ends identical to a rebuild from the doc (20 seeded runs of 80 changes)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const handle = openWorkspaceHandle(makeTempDir(), WS, { schema: workspaceSchema, create: true, compactEvery: 0 });
      for (let n = 0; n < 80; n++) randomChange(handle, random, n);
      const incremental = snapshot(handle.storage.db);
      handle.storage.db.transaction(() => roomMessagesProjection.rebuild(handle.storage.db, handle.docs.doc(ROOM), ROOM))();
      expect(snapshot(handle.storage.db), `seed ${seed}`).toBe(incremental);
      handle.close();
    }
  });

  it('is rebuilt when stale: rows lost, clock behind, or an older indexer', () => {
    const dataDir = makeTempDir();
    const first = openWorkspaceHandle(dataDir, WS, { schema: workspaceSchema, create: true, compactEvery: 0 });
    const random = seededRandom(7);
    for (let n = 0; n < 40; n++) randomChange(first, random, n);
    const expected = snapshot(first.storage.db);
    expect(first.projections.state('room_messages', ROOM)).toEqual({ version: 1, clock: first.docs.clock(ROOM) });
    first.storage.db.prepare('DELETE FROM messages').run();
    first.storage.db.prepare('UPDATE projection_state SET clock = clock - 1 WHERE name = ?').run(`room_messages:${ROOM}`);
    first.close();

    const second = openWorkspaceHandle(dataDir, WS, { schema: workspaceSchema, create: false, compactEvery: 0 });
    expect(second.projections.ensureDocFresh(ROOM)).toEqual(['room_messages']);
    expect(snapshot(second.storage.db)).toBe(expected);
    expect(second.projections.ensureDocFresh(ROOM)).toEqual([]);
    const newer = new ProjectionRunner(second.storage.db, second.docs, [{ ...roomMessagesProjection, version: 2 }]);
    expect(newer.ensureDocFresh(ROOM)).toEqual(['room_messages']);
    expect(newer.state('room_messages', ROOM)?.version).toBe(2);
    second.close();
  });

  it('follows changes incrementally once a fresh doc loads, even when they come from the relay', () => {
    const dataDir = makeTempDir();
    const first = openWorkspaceHandle(dataDir, WS, { schema: workspaceSchema, create: true, compactEvery: 0 });
    for (let n = 0; n < 5; n++) {
      first.docs.transact(ROOM, txOrigin('local'), (doc) =>
        doc.getMap('messages').set(`m${n}`, writeMessageRecord({ id: `m${n}`, authorId: 'u0', text: `word ${n}`, createdAt: n, editedAt: null, deleted: false, threadRootId: null, mentions: [] })),
      );
    }
    first.close();
    const second = openWorkspaceHandle(dataDir, WS, { schema: workspaceSchema, create: false, compactEvery: 0 });
    let rebuilds = 0;
    const rebuild = roomMessagesProjection.rebuild;
    const counting = new ProjectionRunner(second.storage.db, second.docs, [
      { ...roomMessagesProjection, rebuild: (db, doc, name) => (rebuilds++, rebuild(db, doc, name)) },
    ]);
    second.docs.onChange((change) => counting.onDocChange(change));
    counting.noteLoading(ROOM);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(second.docs.doc(ROOM)));
    const sv = Y.encodeStateVector(peer);
    peer.getMap('messages').set('p1', writeMessageRecord({ id: 'p1', authorId: 'u9', text: 'word from afar', createdAt: 9, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
    second.docs.applyUpdate(ROOM, Y.encodeStateAsUpdate(peer, sv), txOrigin('remote'));
    expect(rebuilds).toBe(0);
    expect(second.storage.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 6 });
    expect(counting.state('room_messages', ROOM)?.clock).toBe(second.docs.clock(ROOM));
    second.close();
  });
});
