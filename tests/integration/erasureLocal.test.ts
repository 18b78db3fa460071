/**
 * Erasure and retention in a local-only workspace (no relay, one device,
 * real SQLite file): the owner erases someone whose messages and a
 * digital human's memory learnt from them are in the workspace (as after
 * an import); their words leave the workspace's files, the owner's stay,
 * and the audit entry counts without quoting. Retention erases the old
 * messages and keeps the recent ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, DigitalHuman, ErasureView, Message, MessagePage, Room, Workspace } from '../../src-main/common/contract';
import { dhDocName } from '../../src-main/storage/dh/dhDocFormat';
import { MEMORIES_MAP, writeMemoryRecord } from '../../src-main/storage/memory/memoryDocFormat';
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { makeCore, type TestCore } from '../fixtures/makeCore';

const DAY_MS = 86_400_000;

function filesHolding(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.readFileSync(file).includes(bytes));
}

async function texts(t: TestCore, workspaceId: string, roomId: string): Promise<string[]> {
  return (await t.call<MessagePage>('message.list', { workspaceId, roomId, limit: 100 })).messages.map((m) => m.text);
}

/** Writes a message by `authorId` straight into the room doc, as an imported workspace holds it. */
function writeMessage(t: TestCore, workspaceId: string, roomId: string, id: string, authorId: string, text: string, createdAt: number): void {
  t.core.workspaces.handle(workspaceId).docs.transact(roomDocName(roomId), txOrigin('local', 'test'), (doc) => {
    doc.getMap('messages').set(id, writeMessageRecord({ id, authorId, text, createdAt, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
  });
}

describe('erasure in a local-only workspace', () => {
  it("erases a member's messages and the memories learnt from them from the workspace's files", async () => {
    const t = await makeCore();
    const ws = await t.call<Workspace>('workspace.create', { name: 'Solo', kind: 'solo' });
    const room = await t.call<Room>('room.create', { workspaceId: ws.id, name: 'imported', memberIds: [] });
    await t.call<Message>('message.post', { workspaceId: ws.id, roomId: room.id, text: 'My own note: AMBER-HERON-5.' });
    writeMessage(t, ws.id, room.id, 'carol-1', 'carol', 'Carol wrote INDIGO-MARMOT-62 here.', Date.now());
    const dh = await t.call<DigitalHuman>('dh.create', { workspaceId: ws.id, name: 'Sage', handle: 'sage', tools: ['memory'], memoryEnabled: true });
    t.core.workspaces.handle(ws.id).docs.transact(dhDocName(dh.id), txOrigin('local', 'test'), (doc) => {
      const now = Date.now();
      doc.getMap(MEMORIES_MAP).set('mem-1', writeMemoryRecord({ id: 'mem-1', text: 'Carol prefers INDIGO-MARMOT terms', kind: 'preference', tags: [], importance: 0.5, pinned: false, sourceMessageIds: ['carol-1'], source: null, at: null, createdAt: now, updatedAt: now }));
    });
    expect(filesHolding(t.dataDir, 'INDIGO-MARMOT').length).toBeGreaterThan(0);

    const erased = await t.call<ErasureView>('member.erase', { workspaceId: ws.id, memberId: 'carol' });
    expect(erased).toMatchObject({ kind: 'member', memberId: 'carol', applied: true, counts: { messages: 1, memories: 1 } });
    expect(await texts(t, ws.id, room.id)).toEqual(['My own note: AMBER-HERON-5.']);
    expect(t.core.workspaces.handle(ws.id).docs.doc(dhDocName(dh.id)).getMap(MEMORIES_MAP).has('mem-1')).toBe(false);
    expect(filesHolding(t.dataDir, 'INDIGO-MARMOT')).toEqual([]);
    expect(filesHolding(t.dataDir, 'AMBER-HERON-5').length).toBeGreaterThan(0);
    const audit = await t.call<AuditEntry[]>('audit.list', { workspaceId: ws.id });
    expect(audit.find((e) => e.action === 'member.erase')?.detail).toMatch(/erased member carol: 1 messages/);
    expect(JSON.stringify(audit)).not.toContain('INDIGO');
  });

  it('keeps messages N days, erasing the older ones from the files', async () => {
    const t = await makeCore();
    const ws = await t.call<Workspace>('workspace.create', { name: 'Solo', kind: 'solo' });
    const room = await t.call<Room>('room.create', { workspaceId: ws.id, name: 'log', memberIds: [] });
    writeMessage(t, ws.id, room.id, 'old-1', 'me', 'Ancient entry: COPPER-WALRUS-18.', Date.now() - 10 * DAY_MS);
    await t.call<Message>('message.post', { workspaceId: ws.id, roomId: room.id, text: 'Recent entry: SILVER-OTTER-3.' });
    expect(await t.call('retention.get', { workspaceId: ws.id })).toMatchObject({ days: null });
    expect(await t.call('retention.set', { workspaceId: ws.id, days: 7 })).toMatchObject({ days: 7 });
    expect(await texts(t, ws.id, room.id)).toEqual(['Recent entry: SILVER-OTTER-3.']);
    expect(filesHolding(t.dataDir, 'COPPER-WALRUS-18')).toEqual([]);
    expect(filesHolding(t.dataDir, 'SILVER-OTTER-3').length).toBeGreaterThan(0);
    // A second sweep finds nothing more.
    expect(await t.call<ErasureView>('retention.sweep', { workspaceId: ws.id })).toMatchObject({ counts: { messages: 0 } });
  });
});
