import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ItemPlacer } from './itemPlace';

describe('ItemPlacer', () => {
  it('places every item of a long list typed one element at a time, each by its neighbour', () => {
    const writer = new Y.Doc();
    for (let n = 0; n < 500; n++) {
      writer.transact(() => {
        writer.getMap('kv').set(`k${n}`, n);
        writer.getArray('list').push([`v${n}`]);
      });
    }
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(writer));
    const placer = new ItemPlacer(new Y.Doc(), update.structs);
    const places = update.structs.filter((s): s is Y.Item => s instanceof Y.Item).map((s) => placer.placeNew(s));
    expect(places).toHaveLength(1000);
    expect(places.filter((p) => p?.root === 'list' && p.keys.length === 0)).toHaveLength(500);
    expect(places.filter((p) => p?.root === 'kv' && p.keys.length === 1)).toHaveLength(500);
  });

  it('cannot place an item whose neighbour is neither held nor in the update', () => {
    const writer = new Y.Doc();
    writer.getArray('list').push(['a']);
    const before = Y.encodeStateVector(writer);
    writer.getArray('list').push(['b']);
    // Only the second element: its neighbour ('a') is in no doc the relay holds.
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(writer, before));
    const item = update.structs.find((s): s is Y.Item => s instanceof Y.Item)!;
    expect(new ItemPlacer(new Y.Doc(), update.structs).placeNew(item)).toBeUndefined();
  });

  it('cannot place a forged chain of neighbours that comes back to itself', () => {
    const content = new Y.ContentAny(['x']);
    const a = new Y.Item(Y.createID(7, 0), null, Y.createID(7, 2), null, null, null, null, content);
    const b = new Y.Item(Y.createID(7, 1), null, Y.createID(7, 0), null, null, null, null, content);
    const c = new Y.Item(Y.createID(7, 2), null, Y.createID(7, 1), null, null, null, null, content);
    const placer = new ItemPlacer(new Y.Doc(), [a, b, c]);
    expect(placer.placeNew(a)).toBeUndefined();
    expect(placer.placeNew(c)).toBeUndefined();
  });

  it('places a value replacing a held one under a root the held doc gained after its first placement', () => {
    const held = new Y.Doc();
    const writer = new Y.Doc();
    const sync = (): void => Y.applyUpdate(held, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(held)));
    writer.getMap('first').set('k', 1);
    sync();
    const replace = (root: string): Y.Item => {
      const before = Y.encodeStateVector(writer);
      writer.getMap(root).set('k', 2);
      const update = Y.decodeUpdate(Y.encodeStateAsUpdate(writer, before));
      const item = update.structs.find((s): s is Y.Item => s instanceof Y.Item)!;
      expect(new ItemPlacer(held, update.structs).placeNew(item)).toEqual({ root, keys: ['k'] });
      return item;
    };
    replace('first');
    sync();
    writer.getMap('second').set('k', 1);
    sync();
    replace('second');
  });
});
