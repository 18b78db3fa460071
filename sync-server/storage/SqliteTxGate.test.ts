import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { openAccountStores } from '../openRelayStores';

describe('SqliteTxGate', () => {
  it('keeps calls made while a transaction awaits out of it: they survive its rollback and see only what it committed', async () => {
    const stores = await openAccountStores(makeTempDir(), { databasePoolSize: 8 });
    try {
      let release: () => void = () => undefined;
      const paused = new Promise<void>((resolve) => {
        release = resolve;
      });
      const failing = stores.workspaces.transaction(async (tx) => {
        await tx.insertWorkspace('gate-ws-01', 'someone', 1);
        await paused;
        throw new Error('a rule refused it');
      });
      // Started while the transaction is open: it waits, then runs outside it.
      const user = stores.accounts.ensureUser('ada@example.com', 'ada-id', 2);
      const seen = stores.workspaces.exists('gate-ws-01');
      release();
      await expect(failing).rejects.toThrow('a rule refused it');
      expect(await user).toEqual({ id: 'ada-id', email: 'ada@example.com' });
      expect(await seen).toBe(false);
      expect(await stores.accounts.userByEmail('ada@example.com')).toEqual({ id: 'ada-id', email: 'ada@example.com' });

      // Two transactions run one after the other, each seeing the other's commit.
      const both = await Promise.all(
        ['owner-a', 'owner-b'].map((owner) =>
          stores.workspaces.transaction(async (tx) => {
            if (await tx.exists('gate-ws-02')) return false;
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.insertWorkspace('gate-ws-02', owner, 3);
            return true;
          }),
        ),
      );
      expect(both.sort()).toEqual([false, true]);
    } finally {
      await stores.close();
    }
  });
});
