/**
 * The S3 blob ledger on the real PostgreSQL (tests/fixtures/clusterServices.ts),
 * two pools standing for two nodes: parallel reservations against one quota
 * never hand out more than it holds, a lease is held by one node at a time
 * (and taken over once it ran out), and erasure drops a file's counts.
 * Fails under CI=true when PostgreSQL does not answer, as the other cluster tests.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clusterServices } from '../../tests/fixtures/clusterServices';
import { openPgPool } from '../storage/openPgPool';
import { PgBlobLedger } from './PgBlobLedger';

const services = await clusterServices();
const skip = typeof services === 'string';
const HASH = 'a'.repeat(64);

describe.skipIf(skip)(`S3 blob ledger on PostgreSQL${skip ? ` (skipped: ${services})` : ''}`, () => {
  const open = async (): Promise<PgBlobLedger> => PgBlobLedger.open(await openPgPool((services as Exclude<typeof services, string>).databaseUrl, 4, 'qwanyx-relay-test'));

  it('hands out a quota once across nodes, leases one upload to one node, and drops a file with its uploads', async () => {
    const [one, two] = await Promise.all([open(), open()]);
    try {
      const ws = `ledger-${randomUUID().slice(0, 8)}`;
      // Ten uploads of 30 bytes race for a quota of 100: three fit, whichever node they reach.
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).reserve(ws, `partial/u${i}.${HASH}`, 30, 100)));
      expect(answers.filter((a) => a.fits)).toHaveLength(3);
      // Growing one's own reservation is measured against the others only.
      const mine = `partial/u${answers.findIndex((a) => a.fits)}.${HASH}`;
      expect((await one.reserve(ws, mine, 40, 100)).fits).toBe(true);
      expect((await two.reserve(ws, mine, 41, 100)).fits).toBe(false);
      await one.settle(ws, mine, { item: `data/${HASH}`, bytes: 40 });
      expect(await two.stored(ws)).toBe(40);
      await two.dropHash(ws, HASH);
      expect(await one.stored(ws)).toBe(0);
      expect((await one.reserve(ws, `partial/x.${'b'.repeat(64)}`, 100, 100)).fits).toBe(true);

      const key = `${ws}/upload`;
      const release = await one.lease(key, 60_000);
      expect(release).not.toBeNull();
      expect(await two.lease(key, 60_000)).toBeNull();
      await release!();
      const short = await two.lease(key, 1);
      expect(short).not.toBeNull();
      await new Promise((r) => setTimeout(r, 10));
      // A node that died holding it: the lease is taken over once its time ran out.
      expect(await one.lease(key, 60_000)).not.toBeNull();
      await one.dropWorkspace(ws);
      expect(await two.stored(ws)).toBe(0);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
