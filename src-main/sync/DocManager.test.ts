import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/fixtures/tempDir';
import { seededRandom, type SeededRandom } from '../../tests/fixtures/seededRandom';
import { openWorkspaceDb, type WorkspaceDb } from '../storage/WorkspaceDb';
import { compactDoc } from '../storage/compactDoc';
import { DocManager, type DocChange } from './DocManager';
import { txOrigin } from './TxOrigin';
import { workspaceSchema } from '../core/modules/workspaceSchema';

const WS = 'wstest0001';

function randomEdit(doc: Y.Doc, rnd: SeededRandom, n: number): void {
  const map = doc.getMap('settings');
  const list = doc.getArray<string>('items');
  const text = doc.getText('notes');
  switch (rnd.int(0, 4)) {
    case 0:
      map.set(`k${rnd.int(0, 40)}`, { n, flag: rnd.next() < 0.5 });
      break;
    case 1:
      list.insert(rnd.int(0, list.length), [`item-${n}`]);
      break;
    case 2:
      if (list.length > 0) list.delete(rnd.int(0, list.length - 1), 1);
      break;
    case 3:
      text.insert(rnd.int(0, text.length), `t${n} `);
      break;
    default:
      if (text.length > 4) text.delete(rnd.int(0, text.length - 4), 3);
  }
}

function reopen(dataDir: string): { storage: WorkspaceDb; docs: DocManager } {
  const storage = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: false });
  return { storage, docs: new DocManager(storage.log, { compactEvery: 0 }) };
}

describe('DocManager persistence', () => {
  it('keeps 10,000 random updates across compactions: the reopened doc is byte-identical', () => {
    const seed = 20261122;
    const rnd = seededRandom(seed);
    const dataDir = makeTempDir();
    const storage = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: true });
    const docs = new DocManager(storage.log, { compactEvery: 0 });
    for (let n = 0; n < 10_000; n++) {
      docs.transact('meta', txOrigin('local'), (doc) => randomEdit(doc, rnd, n));
      if (rnd.next() < 0.002) docs.compact('meta');
    }
    const expected = Y.encodeStateAsUpdate(docs.doc('meta'));
    const expectedJson = docs.doc('meta').getMap('settings').toJSON();
    docs.close();
    storage.close();

    const again = reopen(dataDir);
    expect(Buffer.from(Y.encodeStateAsUpdate(again.docs.doc('meta'))).equals(Buffer.from(expected)), `seed ${seed}`).toBe(true);
    expect(again.docs.doc('meta').getMap('settings').toJSON()).toEqual(expectedJson);
    again.docs.compact('meta');
    again.docs.close();
    again.storage.close();

    const third = reopen(dataDir);
    expect(third.storage.log.pendingCount('meta')).toBe(0);
    expect(Buffer.from(Y.encodeStateAsUpdate(third.docs.doc('meta'))).equals(Buffer.from(expected))).toBe(true);
    third.docs.close();
    third.storage.close();
  }, 60_000);

  it('never loses an update another connection writes while compaction runs', () => {
    const dataDir = makeTempDir();
    const a = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: true });
    const b = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: false });
    const docsA = new DocManager(a.log, { compactEvery: 0 });
    const docsB = new DocManager(b.log, { compactEvery: 0 });
    for (let n = 0; n < 300; n++) {
      docsA.transact('meta', txOrigin('local'), (doc) => doc.getArray('log').push([`a${n}`]));
      docsB.transact('meta', txOrigin('local'), (doc) => doc.getArray('log').push([`b${n}`]));
      if (n % 37 === 0) docsA.compact('meta');
      if (n % 53 === 0) compactDoc(b.log, 'meta');
    }
    docsA.close();
    docsB.close();
    a.close();
    b.close();
    const again = reopen(dataDir);
    const items = again.docs.doc('meta').getArray<string>('log').toArray();
    expect(items).toHaveLength(600);
    for (let n = 0; n < 300; n++) expect(items).toEqual(expect.arrayContaining([`a${n}`, `b${n}`]));
    again.docs.close();
    again.storage.close();
  });

  it('catches up with updates written by another process and tells listeners, without storing them twice', () => {
    const dataDir = makeTempDir();
    const a = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: true });
    const b = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: false });
    const docsA = new DocManager(a.log, { compactEvery: 0 });
    const docsB = new DocManager(b.log, { compactEvery: 0 });
    docsA.doc('meta');
    const seen: DocChange[] = [];
    docsA.onChange((c) => seen.push(c));
    docsB.transact('meta', txOrigin('local'), (doc) => doc.getMap('settings').set('name', 'From the CLI'));
    const before = a.log.clock('meta');
    expect(docsA.catchUp('meta')).toBe(1);
    expect(docsA.doc('meta').getMap('settings').get('name')).toBe('From the CLI');
    expect(seen.map((c) => c.origin.source)).toEqual(['system']);
    expect(a.log.clock('meta')).toBe(before);
    docsA.close();
    docsB.close();
    a.close();
    b.close();
  });

  it('stores the update before transact returns and passes the typed origin to listeners', () => {
    const dataDir = makeTempDir();
    const storage = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: true });
    const docs = new DocManager(storage.log, { compactEvery: 0 });
    const origins: string[] = [];
    docs.onChange((c) => origins.push(`${c.origin.source}:${c.origin.actor ?? ''}`));
    docs.transact('meta', txOrigin('agent', 'dh-1'), (doc) => doc.getMap('settings').set('x', 1));
    expect(storage.log.pendingCount('meta')).toBe(1);
    docs.applyUpdate(
      'meta',
      (() => {
        const other = new Y.Doc();
        other.getMap('settings').set('y', 2);
        return Y.encodeStateAsUpdate(other);
      })(),
      txOrigin('remote', 'relay'),
    );
    expect(storage.log.pendingCount('meta')).toBe(2);
    expect(origins).toEqual(['agent:dh-1', 'remote:relay']);
    docs.close();
    storage.close();
  });

  it('compacts on its own after the configured number of updates', async () => {
    const dataDir = makeTempDir();
    const storage = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: true });
    const docs = new DocManager(storage.log, { compactEvery: 20 });
    for (let n = 0; n < 25; n++) docs.transact('meta', txOrigin('local'), (doc) => doc.getArray('l').push([n]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(storage.log.pendingCount('meta')).toBeLessThan(20);
    docs.close();
    storage.close();
  });

  it('folds a long log into the snapshot on close, and leaves a short one or a disabled compaction alone', () => {
    const dataDir = makeTempDir();
    const write = (docs: DocManager, docName: string, count: number): void => {
      for (let n = 0; n < count; n++) docs.transact(docName, txOrigin('local'), (doc) => doc.getMap('m').set(`k${n % 7}`, n));
    };
    const storage = openWorkspaceDb(dataDir, WS, { migrations: workspaceSchema.migrations, create: true });
    // compactEvery above the counts written: only the close can fold.
    const docs = new DocManager(storage.log, { compactEvery: 10_000 });
    write(docs, 'meta', 100);
    write(docs, 'room/short', 10);
    const expected = docs.doc('meta').getMap('m').toJSON();
    docs.close();
    expect(storage.log.pendingCount('meta')).toBe(0);
    expect(storage.log.pendingCount('room/short')).toBe(10);
    const off = new DocManager(storage.log, { compactEvery: 0 });
    write(off, 'room/off', 100);
    off.close();
    expect(storage.log.pendingCount('room/off')).toBe(100);
    storage.close();

    const again = reopen(dataDir);
    expect(again.docs.doc('meta').getMap('m').toJSON()).toEqual(expected);
    expect(again.docs.doc('room/off').getMap('m').get('k2')).toBe(93);
    again.docs.close();
    again.storage.close();
  });

  it('keeps a stored write when a listener fails, and still tells the other listeners', () => {
    const storage = openWorkspaceDb(makeTempDir(), WS, { migrations: workspaceSchema.migrations, create: true });
    const errors: unknown[] = [];
    const docs = new DocManager(storage.log, { compactEvery: 0, onError: (err) => errors.push(err) });
    const seen: string[] = [];
    docs.onChange(() => {
      throw new Error('listener broke');
    });
    docs.onChange((c) => seen.push(c.docName));
    expect(() => docs.transact('meta', txOrigin('local'), (doc) => doc.getMap('m').set('a', 1))).not.toThrow();
    expect(storage.log.pendingCount('meta')).toBe(1);
    expect(seen).toEqual(['meta']);
    expect(String(errors[0])).toContain('listener broke');
    docs.close();
    storage.close();
  });

  it('refuses unknown doc names', () => {
    const storage = openWorkspaceDb(makeTempDir(), WS, { migrations: workspaceSchema.migrations, create: true });
    const docs = new DocManager(storage.log);
    expect(() => docs.doc('../meta')).toThrow(/Unknown document name/);
    expect(() => docs.doc('room/')).toThrow(/Unknown document name/);
    docs.close();
    storage.close();
  });
});
