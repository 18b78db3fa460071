/**
 * DocManager and a large deletions-only update from the relay (an erasure):
 * it is applied in parts over several turns of the event loop, each part
 * stored (it survives a reopen), local writes go through between the parts,
 * held writes pause the parts, and the doc ends as the relay's.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { workspaceSchema } from '../core/modules/workspaceSchema';
import { openWorkspaceDb } from '../storage/WorkspaceDb';
import { DocManager } from './DocManager';
import { txOrigin } from './TxOrigin';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DocManager: a large deletion from the relay', () => {
  it('is applied in parts across turns of the event loop, with local writes in between', async () => {
    const dataDir = makeTempDir();
    const storage = openWorkspaceDb(dataDir, 'wsparts001', { migrations: workspaceSchema.migrations, create: true });
    const docs = new DocManager(storage.log, { compactEvery: 0 });
    docs.transact('meta', txOrigin('local', 'me'), (doc) => {
      for (let i = 0; i < 3000; i++) doc.getMap('settings').set(`k${i}`, `value ${i}`);
    });
    // The relay deletes two entries of three, as an erasure does.
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(docs.doc('meta')));
    let deletions: Uint8Array | null = null;
    relay.on('update', (u: Uint8Array) => (deletions = u));
    relay.transact(() => {
      for (let i = 0; i < 3000; i++) if (i % 3 !== 0) relay.getMap('settings').delete(`k${i}`);
    });

    docs.applyUpdate('meta', deletions!, txOrigin('remote', 'relay'));
    expect(docs.queuedDeletions).toBeGreaterThan(0);
    expect(docs.doc('meta').getMap('settings').size).toBeGreaterThan(1000);
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
});
