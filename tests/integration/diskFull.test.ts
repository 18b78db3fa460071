/**
 * A full or read-only disk, with real files and a real relay: the disk
 * filling up is SQLite's `max_page_count` on A's workspace file (writes that
 * need a new page fail as on a full disk), a read-only one its `query_only`
 * (the tests run as root, whom file modes do not stop). The write that cannot
 * be stored fails with a clear error (STORAGE_FULL, STORAGE_READ_ONLY) and is neither shown nor sent;
 * every write acknowledged before stays, on A after a restart and on B; once
 * space is back, writing resumes and reaches B.
 */
import { describe, expect, it } from 'vitest';
import type { Message, MessagePage, Room } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { eventually, FAST_SYNC, syncStatus } from '../fixtures/syncCores';

const BODY = 'Minutes of the steering committee, with every figure and every decision written down. '.repeat(20);

async function texts(t: TestCore, ws: string, room: string): Promise<string[]> {
  return (await t.call<MessagePage>('message.list', { workspaceId: ws, roomId: room, limit: 200 })).messages.map((m) => m.text);
}

async function shared(): Promise<{ a: TestCore; b: TestCore; ws: string; room: string }> {
  const { a, b, ws } = await linkedPair();
  const room = (await a.call<Room>('room.create', { workspaceId: ws, name: 'general', kind: 'channel' })).id;
  await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room), '#general on B');
  await b.call('room.join', { workspaceId: ws, roomId: room });
  await eventually(() => syncStatus(a, ws), (s) => s.state === 'synced' && s.pending === 0, 'A synced');
  return { a, b, ws, room };
}

describe('a full or read-only disk', () => {
  it('refuses the write that does not fit, loses nothing acknowledged, and writes again once space is back', async () => {
    const { a, b, ws, room } = await shared();
    const db = a.core.workspaces.handle(ws).storage.db;
    // The disk fills up: the file may not grow past its size now.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);

    const acknowledged: string[] = [];
    let refused: { ok: false; error: { code: string; message: string } } | null = null;
    for (let i = 0; i < 150 && refused === null; i++) {
      const text = `Note ${i}: ${BODY}`;
      const result = await a.core.dispatch('message.post', { workspaceId: ws, roomId: room, text });
      if (result.ok) acknowledged.push(text);
      else refused = result as { ok: false; error: { code: string; message: string } };
    }
    expect(refused, 'the disk never filled').not.toBeNull();
    expect(refused!.error.code).toBe('STORAGE_FULL');
    expect(refused!.error.message).toBe('This change was not saved and not sent: the disk is full. Everything saved before is safe. Free some disk space, then try again.');
    const failedText = `Note ${acknowledged.length}: ${BODY}`;

    // Not shown, not sent: A lists only what was stored, B receives only that.
    expect(await texts(a, ws, room)).toEqual(acknowledged);
    await eventually(() => texts(b, ws, room), (list) => list.length === acknowledged.length, 'every acknowledged message on B');
    // Space is still short: the next write is refused the same way, and reading still works.
    const again = await a.core.dispatch('message.post', { workspaceId: ws, roomId: room, text: failedText });
    expect(again.ok).toBe(false);

    // Space returns: writing resumes and reaches B.
    db.pragma('max_page_count = 1073741823');
    const after = await a.call<Message>('message.post', { workspaceId: ws, roomId: room, text: 'Back to work' });
    expect(after.text).toBe('Back to work');
    await eventually(() => texts(b, ws, room), (list) => list.at(-1) === 'Back to work', 'the new message on B');
    expect(await texts(b, ws, room)).toEqual([...acknowledged, 'Back to work']);
    await eventually(() => syncStatus(a, ws), (s) => s.state === 'synced' && s.pending === 0, 'A synced');

    // A restart keeps every acknowledged write.
    const dataDir = a.dataDir;
    await a.core.close();
    const reopened = await makeCore({ dataDir, secrets: a.secrets, sync: FAST_SYNC });
    expect(await texts(reopened, ws, room)).toEqual([...acknowledged, 'Back to work']);
  });

  it('refuses writes on a read-only file with a clear message, and writes again once it is writable', async () => {
    const { a, b, ws, room } = await shared();
    await a.call('message.post', { workspaceId: ws, roomId: room, text: 'Before' });
    const db = a.core.workspaces.handle(ws).storage.db;
    db.pragma('query_only = ON');
    const refused = await a.core.dispatch('message.post', { workspaceId: ws, roomId: room, text: 'While read-only' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('STORAGE_READ_ONLY');
      expect(refused.error.message).toContain('not saved and not sent: the data folder cannot be written to');
    }
    expect(await texts(a, ws, room)).toEqual(['Before']);
    db.pragma('query_only = OFF');
    await a.call('message.post', { workspaceId: ws, roomId: room, text: 'After' });
    await eventually(() => texts(b, ws, room), (list) => list.length === 2, 'both on B');
    expect(await texts(b, ws, room)).toEqual(['Before', 'After']);
  });
});
