/**
 * The account stores on the real PostgreSQL (tests/fixtures/clusterServices.ts):
 * what several nodes do at once stays right. Fails under CI=true when it
 * does not answer, as the other cluster tests.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clusterServices } from '../../tests/fixtures/clusterServices';
import { openPgAccountStores, type PgAccountStores } from './openPgAccountStores';

const services = await clusterServices();
const skip = typeof services === 'string';

describe.skipIf(skip)(`account stores on PostgreSQL${skip ? ` (skipped: ${services})` : ''}`, () => {
  const open = (): Promise<PgAccountStores> => openPgAccountStores((services as Exclude<typeof services, string>).databaseUrl, 4, 'qwanyx-relay-test');

  it('gives parallel checks of one code its 5 attempts in all, and one new email one account', async () => {
    // Two pools stand for two nodes.
    const [one, two] = [await open(), await open()];
    try {
      const email = `race-${randomUUID().slice(0, 8)}@example.com`;
      const now = Date.now();
      await one.accounts.putCode(email, 'hash', now + 60_000, now);
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : two).accounts.claimAttempt(email, now, 5)));
      expect(claims.filter((c) => c !== null).map((c) => c!.attempts).sort()).toEqual([1, 2, 3, 4, 5]);
      const deleted = await Promise.all([one.accounts.deleteCode(email), two.accounts.deleteCode(email)]);
      expect(deleted.sort()).toEqual([false, true]);

      const users = await Promise.all([one.accounts.ensureUser(email, `one-${email}`, now), two.accounts.ensureUser(email, `two-${email}`, now)]);
      expect(users[0]).toEqual(users[1]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('runs account transactions one at a time across pools: two demotions cannot leave a workspace without an owner', async () => {
    const [one, two] = [await open(), await open()];
    try {
      const ws = `pg-tx-${randomUUID().slice(0, 8)}`;
      const now = Date.now();
      const [a, b] = await Promise.all([one.accounts.ensureUser(`a-${ws}@example.com`, `a-${ws}`, now), one.accounts.ensureUser(`b-${ws}@example.com`, `b-${ws}`, now)]);
      await one.workspaces.transaction(async (tx) => {
        await tx.insertWorkspace(ws, a.id, now);
        await tx.putMember(ws, a.id, 'owner', now);
        await tx.putMember(ws, b.id, 'owner', now);
      });
      // Each demotes the other unless they are the last owner, as WorkspaceService does.
      const demote = (stores: PgAccountStores, target: string): Promise<boolean> =>
        stores.workspaces.transaction(async (tx) => {
          if ((await tx.ownerCount(ws)) <= 1) return false;
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx.putMember(ws, target, 'member', now);
          return true;
        });
      const done = await Promise.all([demote(one, a.id), demote(two, b.id)]);
      expect(done.sort()).toEqual([false, true]);
      expect(await two.workspaces.ownerCount(ws)).toBe(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
