/**
 * DocManager.holdWrites, as an erasure's VACUUM uses it: while writes are
 * held, a local write is refused with the reason and changes nothing, a
 * remote update waits in memory; once released, the remote updates are
 * stored in the order they came and local writes go through again.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { workspaceSchema } from '../core/modules/workspaceSchema';
import { openWorkspaceDb } from '../storage/WorkspaceDb';
import { DocManager } from './DocManager';
import { txOrigin } from './TxOrigin';

function remoteUpdate(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('settings').set(key, value);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

describe('DocManager.holdWrites', () => {
  it('refuses local writes with the reason, queues remote updates, and stores them once released', () => {
    const dataDir = makeTempDir();
    const storage = openWorkspaceDb(dataDir, 'wshold0001', { migrations: workspaceSchema.migrations, create: true });
    const docs = new DocManager(storage.log, { compactEvery: 0 });
    docs.transact('meta', txOrigin('local', 'me'), (doc) => doc.getMap('settings').set('before', 'kept'));

    const release = docs.holdWrites('Finishing an erasure: try again in a few seconds.');
    expect(docs.writesHeld).toBe(true);
    expect(() => docs.transact('meta', txOrigin('local', 'me'), (doc) => doc.getMap('settings').set('during', 'lost?'))).toThrow(/Finishing an erasure/);
    docs.applyUpdate('meta', remoteUpdate('first', 'a'), txOrigin('remote', 'relay'));
    docs.applyUpdate('meta', remoteUpdate('second', 'b'), txOrigin('remote', 'relay'));
    expect(docs.doc('meta').getMap('settings').toJSON()).toEqual({ before: 'kept' });
    expect(() => docs.holdWrites('again')).toThrow();

    release();
    expect(docs.writesHeld).toBe(false);
    docs.transact('meta', txOrigin('local', 'me'), (doc) => doc.getMap('settings').set('after', 'kept'));
    expect(docs.doc('meta').getMap('settings').toJSON()).toEqual({ before: 'kept', first: 'a', second: 'b', after: 'kept' });
    docs.close();
    storage.close();

    // All of it was stored: a fresh load sees it, and the refused write is nowhere.
    const again = openWorkspaceDb(dataDir, 'wshold0001', { migrations: workspaceSchema.migrations, create: false });
    const reloaded = new DocManager(again.log, { compactEvery: 0 });
    expect(reloaded.doc('meta').getMap('settings').toJSON()).toEqual({ before: 'kept', first: 'a', second: 'b', after: 'kept' });
    reloaded.close();
    again.close();
  });
});
