/**
 * DocManager and a large deletions-only update from the relay (an erasure):
 * it is applied in parts over several turns of the event loop, each part
 * stored (it survives a reopen), local writes go through between the parts,
 * held writes pause the parts, and the doc ends as the relay's; the parts
 * of one turn share one transaction, and one that fails leaves the others.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { workspaceSchema } from '../core/modules/workspaceSchema';
import { openWorkspaceDb } from '../storage/WorkspaceDb';
import { DeletionParts } from './DeletionParts';
import { DocManager } from './DocManager';
import { txOrigin } from './TxOrigin';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DocManager: a large deletion from the relay', () => {
  it('is applied in parts across turns of the event loop, with local writes in between', async () => {
    const dataDir = makeTempDir();
    const storage = openWorkspaceDb(dataDir, 'wsparts001', { migrations: workspaceSchema.migrations, create: true });
    // Turns of 1 ms: however fast the machine, 200 parts take several.
    const docs = new DocManager(storage.log, { compactEvery: 0, deletionStepMs: 1 });
    docs.transact('meta', txOrigin('local', 'me'), (doc) => {
      for (let i = 0; i < 30_000; i++) doc.getMap('settings').set(`k${i}`, `value ${i}`);
    });
    // The relay deletes two entries of three, as an erasure does (200 parts).
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(docs.doc('meta')));
    let deletions: Uint8Array | null = null;
    relay.on('update', (u: Uint8Array) => (deletions = u));
    relay.transact(() => {
      for (let i = 0; i < 30_000; i++) if (i % 3 !== 0) relay.getMap('settings').delete(`k${i}`);
    });

    docs.applyUpdate('meta', deletions!, txOrigin('remote', 'relay'));
    expect(docs.queuedDeletions).toBeGreaterThan(0);
    expect(docs.doc('meta').getMap('settings').size).toBeGreaterThan(10_000);
    docs.transact('meta', txOrigin('local', 'me'), (doc) => doc.getMap('settings').set('between', 'kept'));
    const release = docs.holdWrites('finishing an erasure');
    const held = docs.queuedDeletions;
    await turn();
    await turn();
    expect(docs.queuedDeletions).toBe(held);
    release();
    let turns = 0;
    for (; docs.queuedDeletions > 0 && turns < 1000; turns++) await turn();
    expect(turns).toBeGreaterThan(0);
    const expected = { ...relay.getMap('settings').toJSON(), between: 'kept' };
    expect(docs.doc('meta').getMap('settings').toJSON()).toEqual(expected);
    docs.close();

    const reopened = new DocManager(storage.log, { compactEvery: 0 });
    expect(reopened.doc('meta').getMap('settings').toJSON()).toEqual(expected);
    reopened.close();
    storage.close();
  });

  it('runs the parts of one turn inside one call of turn, reports a failed turn and goes on', async () => {
    const applied: string[] = [];
    const turns: number[] = [];
    let inTurn = false;
    const failures: string[] = [];
    const parts = new DeletionParts({
      apply: (docName, update) => {
        expect(inTurn).toBe(true);
        if (update[0] === 13) throw new Error('part 13 fails');
        applied.push(`${docName}:${update[0]}`);
      },
      turn: (run) => {
        // As DocManager's, whose transaction then rolls back: the error goes on to `failed`.
        inTurn = true;
        const before = applied.length;
        try {
          run();
        } finally {
          inTurn = false;
          turns.push(applied.length - before);
        }
      },
      failed: (docNames, err) => failures.push(`${[...docNames].join()}: ${(err as Error).message}`),
      paused: () => false,
      // Every part of a turn starts within 1000 ms: all of them fit in the first turn.
      stepMs: 1000,
    });
    const updates = Array.from({ length: 20 }, (_, i) => Uint8Array.of(i));
    // A part that throws ends its turn, reported as failed with the docs it touched; the next parts go on in the next turn.
    parts.add('room/a', updates, txOrigin('remote', 'relay'));
    for (let i = 0; i < 10 && parts.size > 0; i++) await turn();
    expect(parts.size).toBe(0);
    expect(applied).toEqual(updates.filter((u) => u[0] !== 13).map((u) => `room/a:${u[0]}`));
    expect(turns).toEqual([13, 6]);
    expect(failures).toEqual(['room/a: part 13 fails']);
  });
});
