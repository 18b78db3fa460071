/**
 * Erasure and retention through a real relay and two devices (real SQLite
 * files everywhere): after Ada (owner) erases Bob, a sentence Bob wrote and
 * the bytes of a file he attached are in none of the relay's data files nor
 * either device's files (the bytes are grepped, WAL files included), Ada's
 * messages stay, the audit entry names counts and never the content, and
 * Bob (not an owner) is refused, by his device and by the relay. Retention
 * erases old messages the same way and keeps recent ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttachedFile, AuditEntry, ErasureView, Message, MessagePage, Profile, Room } from '../../src-main/common/contract';
import { relayAccountNamespace } from '../../src-main/domain/RelayAccountService';
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { linkedPair } from '../fixtures/linkedPair';
import type { TestCore } from '../fixtures/makeCore';
import { eventually } from '../fixtures/syncCores';

const DAY_MS = 86_400_000;

/** Every file under `dir` whose bytes hold `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.readFileSync(file).includes(bytes));
}

async function texts(t: TestCore, workspaceId: string, roomId: string): Promise<string[]> {
  const page = await t.call<MessagePage>('message.list', { workspaceId, roomId, limit: 200 });
  return page.messages.map((m) => m.text);
}

async function applied(t: TestCore, workspaceId: string, id: string): Promise<void> {
  await eventually(() => t.call<ErasureView[]>('erasure.list', { workspaceId }), (list) => list.some((e) => e.id === id && e.applied), `erasure ${id} applied`);
}

async function deviceToken(t: TestCore, relayUrl: string): Promise<string> {
  const token = await t.secrets.get(relayAccountNamespace(relayUrl), 'device-token');
  if (!token) throw new Error('no device token');
  return token;
}

describe('erasure through the relay', () => {
  it("erases a member's words and files from the relay's files and both devices' files; others' messages stay", async () => {
    const { relay, a, b, ws } = await linkedPair();
    const bob = await b.call<Profile>('profile.get', {});
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'deal', memberIds: [] });
    await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room.id), 'B sees the room');
    await b.call('room.join', { workspaceId: ws, roomId: room.id });
    const kept = await a.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Ada keeps this line: COBALT-LANTERN-42.' });
    const secret = 'Bob confides that the walk-away price is PLUM-ORCHID-913.';
    await b.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: secret });
    await b.call<Message>('message.edit', {
      workspaceId: ws,
      roomId: room.id,
      messageId: (await b.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'first draft with MAUVE-QUILL-55' })).id,
      text: 'edited without the code',
    });
    const fileBytes = Buffer.from(`attached notes of Bob: TEAL-FALCON-308 ${'x'.repeat(2000)}`);
    const file = await b.call<AttachedFile>('file.attach', { workspaceId: ws, name: 'notes.txt', type: 'text/plain', data: fileBytes.toString('base64') });
    await b.call('file.post', { workspaceId: ws, roomId: room.id, files: [file.hash] });
    await eventually(() => texts(b, ws, room.id), (list) => list.includes(kept.text), "B has Ada's message");
    await b.call('message.react', { workspaceId: ws, roomId: room.id, messageId: kept.id, emoji: '👍', on: true });
    await b.call('read.mark', { workspaceId: ws, roomId: room.id, messageId: kept.id });
    await eventually(() => texts(a, ws, room.id), (list) => list.includes(secret), "A has Bob's message");
    await eventually(() => filesHolding(relay.dataDir, 'TEAL-FALCON-308'), (found) => found.length > 0, "the relay has Bob's file");
    expect(filesHolding(relay.dataDir, 'PLUM-ORCHID-913').length).toBeGreaterThan(0);

    // Bob is not an owner: his device refuses, and so does the relay when asked directly.
    await expect(b.call('member.erase', { workspaceId: ws, memberId: bob.userId })).rejects.toThrow(/FORBIDDEN.*owner/);
    const direct = await fetch(`${relay.url}/v1/workspaces/${ws}/erase`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await deviceToken(b, relay.url)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'member', memberId: bob.userId }),
    });
    expect(direct.status).toBe(403);
    expect(await texts(a, ws, room.id)).toContain(secret);

    const erased = await a.call<ErasureView>('member.erase', { workspaceId: ws, memberId: bob.userId });
    expect(erased).toMatchObject({ kind: 'member', memberId: bob.userId, counts: { messages: 3, files: 1, reactions: 1, reads: 1 } });
    await applied(a, ws, erased.id);
    await applied(b, ws, erased.id);

    for (const t of [a, b]) {
      const list = await texts(t, ws, room.id);
      expect(list).toContain('Ada keeps this line: COBALT-LANTERN-42.');
      expect(list.some((text) => text.includes('PLUM-ORCHID') || text.includes('edited without'))).toBe(false);
    }
    for (const needle of ['PLUM-ORCHID-913', 'MAUVE-QUILL-55', 'TEAL-FALCON-308']) {
      expect(filesHolding(relay.dataDir, needle), `relay files holding ${needle}`).toEqual([]);
      expect(filesHolding(a.dataDir, needle), `A's files holding ${needle}`).toEqual([]);
      expect(filesHolding(b.dataDir, needle), `B's files holding ${needle}`).toEqual([]);
    }
    expect(filesHolding(relay.dataDir, 'COBALT-LANTERN-42').length).toBeGreaterThan(0);

    const audit = await a.call<AuditEntry[]>('audit.list', { workspaceId: ws });
    const entry = audit.find((e) => e.action === 'member.erase' && e.outcome === 'allowed');
    expect(entry?.detail).toMatch(/3 messages, 1 files/);
    expect(JSON.stringify(audit)).not.toContain('PLUM-ORCHID');
    // Bob's refused attempt is in his own trail, as denied.
    const bobAudit = await b.call<AuditEntry[]>('audit.list', { workspaceId: ws });
    expect(bobAudit.some((e) => e.action === 'member.erase' && e.outcome === 'denied')).toBe(true);
  });

  it('retention erases the messages older than N days everywhere and keeps the recent ones', async () => {
    const { relay, a, b, ws } = await linkedPair();
    const ada = await a.call<Profile>('profile.get', {});
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'archive', memberIds: [] });
    const old = Date.now() - 40 * DAY_MS;
    // Two messages written 40 days ago (through the room doc, as a device that kept them offline would send them).
    a.core.workspaces.handle(ws).docs.transact(roomDocName(room.id), txOrigin('local', ada.userId), (doc) => {
      for (const [i, text] of ['Old minutes: SAFFRON-GLACIER-71.', 'Old minutes: second page.'].entries()) {
        const id = `old-${i}`;
        doc.getMap('messages').set(id, writeMessageRecord({ id, authorId: ada.userId, text, createdAt: old + i, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
      }
    });
    await a.call<Message>('message.post', { workspaceId: ws, roomId: room.id, text: 'Fresh news: JADE-KESTREL-12.' });
    await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room.id), 'B sees the room');
    await b.call('room.join', { workspaceId: ws, roomId: room.id });
    await eventually(() => texts(b, ws, room.id), (list) => list.includes('Old minutes: SAFFRON-GLACIER-71.'), 'B has the old minutes');

    await expect(b.call('retention.set', { workspaceId: ws, days: 30 })).rejects.toThrow(/FORBIDDEN/);
    const set = await a.call<{ days: number | null }>('retention.set', { workspaceId: ws, days: 30 });
    expect(set.days).toBe(30);
    const records = await eventually(() => a.call<ErasureView[]>('erasure.list', { workspaceId: ws }), (list) => list.some((e) => e.kind === 'retention'), 'the retention record');
    const record = records.find((e) => e.kind === 'retention')!;
    expect(record.counts.messages).toBe(2);
    await applied(a, ws, record.id);
    await applied(b, ws, record.id);
    await eventually(() => b.call<{ days: number | null }>('retention.get', { workspaceId: ws }), (r) => r.days === 30, 'B sees the retention');
    for (const t of [a, b]) expect(await texts(t, ws, room.id)).toEqual(['Fresh news: JADE-KESTREL-12.']);
    for (const dir of [relay.dataDir, a.dataDir, b.dataDir]) {
      expect(filesHolding(dir, 'SAFFRON-GLACIER-71'), dir).toEqual([]);
      expect(filesHolding(dir, 'JADE-KESTREL-12').length, dir).toBeGreaterThan(0);
    }
  });
});
