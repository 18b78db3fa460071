/**
 * Erasing a whole workspace from a relay on the real PostgreSQL
 * (tests/fixtures/clusterServices.ts; fails under CI=true when it does not
 * answer, as the other cluster tests): every doc row, snapshot and writer
 * count of the workspace goes, and its registration, members, invitations
 * and member-id bindings, leaving its tombstone (id and date only);
 * another workspace in the same tables is untouched.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clusterServices } from '../../tests/fixtures/clusterServices';
import { openPgAccountStores } from './openPgAccountStores';
import { PgDocPersistence } from './PgDocPersistence';

const services = await clusterServices();
const skip = typeof services === 'string';

function someUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) doc.getArray<string>('a').push([`line ${i}`]);
  return updates;
}

describe.skipIf(skip)(`erasing a workspace on PostgreSQL${skip ? ` (skipped: ${services})` : ''}`, () => {
  const url = skip ? '' : services.databaseUrl;

  it('deletes the docs, writer counts, registration, members, invitations and bindings of one workspace only, and leaves its tombstone', async () => {
    const docs = await PgDocPersistence.open(url);
    const stores = await openPgAccountStores(url, 2, 'qwanyx-relay-test');
    try {
      const gone = `pg-gone-${randomUUID().slice(0, 8)}`;
      const kept = `pg-kept-${randomUUID().slice(0, 8)}`;
      for (const ws of [gone, kept]) {
        for (const docName of ['meta', 'room/r1']) {
          await docs.appendUpdates(someUpdates(5).map((update) => ({ key: { workspaceId: ws, docName }, update, writerId: 'u1' })));
        }
      }
      await docs.compact({ workspaceId: gone, docName: 'meta' });
      const now = Date.now();
      const owner = await stores.accounts.ensureUser(`owner-${gone}@example.com`, `user-${gone}`, now);
      await stores.workspaces.insertWorkspace(gone, owner.id, now);
      await stores.workspaces.putMember(gone, owner.id, 'owner', now);
      await stores.workspaces.insertInvitation({ id: `inv-${gone}`, workspaceId: gone, email: 'x@example.com', role: 'member', tokenHash: `hash-${gone}`, expiresAt: now + 60_000, createdBy: owner.id, createdAt: now });
      for (const ws of [gone, kept]) await stores.memberIds.bind(ws, `profile-${ws}`, owner.id, now);

      expect(await docs.deleteWorkspace(gone)).toBe(2);
      expect(await stores.workspaces.erasedAt(gone)).toBeNull();
      expect(await stores.workspaces.transaction((tx) => tx.deleteWorkspace(gone, now + 5))).toEqual({ members: 1, invitations: 1 });
      expect(await stores.memberIds.deleteWorkspace(gone)).toBe(1);

      expect(await stores.workspaces.erasedAt(gone)).toBe(now + 5);
      expect(await stores.workspaces.erasedAt(kept)).toBeNull();
      expect(await stores.memberIds.load(gone)).toEqual(new Map());
      expect(await stores.memberIds.ownerOf(kept, `profile-${kept}`)).toBe(owner.id);

      const usage = await docs.loadUsage(gone);
      expect(usage.docNames).toEqual([]);
      expect(usage.writerBytes.size).toBe(0);
      expect(await docs.loadDoc({ workspaceId: gone, docName: 'meta' })).toEqual({ snapshot: null, updates: [], bytes: 0 });
      expect(await stores.workspaces.exists(gone)).toBe(false);
      expect(await stores.workspaces.members(gone)).toEqual([]);
      expect(await stores.workspaces.invitationByToken(`hash-${gone}`)).toBeNull();
      expect((await docs.loadUsage(kept)).docNames.sort()).toEqual(['meta', 'room/r1']);
      expect((await docs.loadDoc({ workspaceId: kept, docName: 'room/r1' })).updates).toHaveLength(5);
    } finally {
      await Promise.all([docs.close(), stores.close()]);
    }
  });
});
