/**
 * An owner erases a whole workspace from a real relay (SQLite files): its
 * docs, files, members and invitations leave the relay (a sentence and a
 * file's bytes are in none of the relay's files afterwards), the other
 * member's connections close with 4411 (their status says the workspace
 * left the relay), they are refused from then on, and their device keeps
 * its own copy. A member who is not an owner, and a wrong name, are
 * refused with nothing removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttachedFile, Invitation, MessagePage, Room, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import type { TestCore } from '../fixtures/makeCore';
import { eventually, syncStatus } from '../fixtures/syncCores';

function filesHolding(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.readFileSync(file).includes(bytes));
}

async function texts(t: TestCore, workspaceId: string, roomId: string): Promise<string[]> {
  return (await t.call<MessagePage>('message.list', { workspaceId, roomId, limit: 50 })).messages.map((m) => m.text);
}

describe('erasing a workspace from its relay', () => {
  it('removes docs, files, members and invitations from the relay; the other member keeps a copy and loses access', async () => {
    const { relay, a, b, ws } = await linkedPair();
    const room = await a.call<Room>('room.create', { workspaceId: ws, name: 'plans', memberIds: [] });
    await eventually(() => b.call<Room[]>('room.list', { workspaceId: ws }), (rooms) => rooms.some((r) => r.id === room.id), 'B sees the room');
    await b.call('room.join', { workspaceId: ws, roomId: room.id });
    const secret = 'Bob notes the merger code name VIOLET-HARBOR-77.';
    await b.call('message.post', { workspaceId: ws, roomId: room.id, text: secret });
    const file = await b.call<AttachedFile>('file.attach', { workspaceId: ws, name: 'plan.txt', type: 'text/plain', data: Buffer.from(`plan AMBER-KITE-12 ${'y'.repeat(1500)}`).toString('base64') });
    await b.call('file.post', { workspaceId: ws, roomId: room.id, files: [file.hash] });
    await a.call<Invitation>('invite.create', { workspaceId: ws, email: 'carol@example.com', role: 'guest' });
    await eventually(() => texts(a, ws, room.id), (list) => list.includes(secret), "A has Bob's message");
    await eventually(() => filesHolding(relay.dataDir, 'AMBER-KITE-12'), (found) => found.length > 0, "the relay has Bob's file");
    expect(filesHolding(relay.dataDir, 'VIOLET-HARBOR-77').length).toBeGreaterThan(0);

    // Bob is not an owner; Ada must type the name: nothing is removed.
    await expect(b.call('workspace.eraseFromRelay', { id: ws, confirmName: 'Acme' })).rejects.toThrow(/RELAY_REFUSED.*owner/);
    await expect(a.call('workspace.eraseFromRelay', { id: ws, confirmName: 'acme' })).rejects.toThrow(/CONFIRMATION_MISMATCH/);
    expect((await syncStatus(b, ws)).state).toBe('synced');

    const removed = await a.call<{ docs: number; blobs: number; members: number; invitations: number }>('workspace.eraseFromRelay', { id: ws, confirmName: 'Acme' });
    expect(removed.members).toBe(2);
    expect(removed.invitations).toBe(2);
    expect(removed.blobs).toBe(1);
    expect(removed.docs).toBeGreaterThanOrEqual(2);

    // Nothing of it is left in the relay's files (SQLite databases, their WAL, the blob folders).
    expect(filesHolding(relay.dataDir, 'VIOLET-HARBOR-77')).toEqual([]);
    expect(filesHolding(relay.dataDir, 'AMBER-KITE-12')).toEqual([]);
    expect(fs.existsSync(path.join(relay.dataDir, 'blobs', ws))).toBe(false);

    // Bob's device is cut off and stays so, with its own copy intact.
    const bobStatus = await eventually(() => syncStatus(b, ws), (s: WorkspaceSyncStatus) => s.reasonCode === 'removed', 'B told the workspace left the relay');
    expect(bobStatus.state).toBe('error');
    expect(bobStatus.reason).toMatch(/erased this workspace from the relay on \d{4}-\d\d-\d\d: this device keeps its copy/);
    expect(bobStatus.erasedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await texts(b, ws, room.id)).toContain(secret);
    // Asking again finds no workspace on the relay: still refused.
    await b.call('sync.reconnect', { id: ws });
    await eventually(() => syncStatus(b, ws), (s: WorkspaceSyncStatus) => s.state === 'error', 'B still refused');

    // The relay keeps only its tombstone: its former owner too is told it was erased.
    await expect(a.call('invite.create', { workspaceId: ws, email: 'dan@example.com', role: 'member' })).rejects.toThrow(/erased the workspace/);
    await a.call('workspace.delete', { id: ws, confirmName: 'Acme' });
  });
});
