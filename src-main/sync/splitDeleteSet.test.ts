import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitDeleteSet } from './splitDeleteSet';

/** A doc of `n` map entries, each set in its own transaction (so each is its own item). */
function docOf(n: number): Y.Doc {
  const doc = new Y.Doc();
  for (let i = 0; i < n; i++) doc.transact(() => doc.getMap('m').set(`k${i}`, { text: `value ${i}` }));
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('splitDeleteSet', () => {
  it('splits a deletions-only update into parts that, applied in any order, delete the same entries', () => {
    const source = docOf(1000);
    const target = copyOf(source);
    let update: Uint8Array | null = null;
    source.on('update', (u: Uint8Array) => (update = u));
    source.transact(() => {
      for (let i = 0; i < 1000; i += 2) source.getMap('m').delete(`k${i}`);
    });
    const parts = splitDeleteSet(update!, 50);
    expect(parts).not.toBeNull();
    expect(parts!.length).toBe(10);
    for (const part of [...parts!].reverse()) Y.applyUpdate(target, part);
    expect([...target.getMap('m').keys()].sort()).toEqual([...source.getMap('m').keys()].sort());
    expect(target.getMap('m').size).toBe(500);
  });

  it('cuts a long run of consecutive deleted items', () => {
    const source = docOf(1000);
    const target = copyOf(source);
    let update: Uint8Array | null = null;
    source.on('update', (u: Uint8Array) => (update = u));
    source.transact(() => {
      for (let i = 100; i < 700; i++) source.getMap('m').delete(`k${i}`);
    });
    const parts = splitDeleteSet(update!, 50)!;
    expect(parts.length).toBe(12);
    for (const part of parts) Y.applyUpdate(target, part);
    expect([...target.getMap('m').keys()].sort()).toEqual([...source.getMap('m').keys()].sort());
    expect(target.getMap('m').size).toBe(400);
  });

  it('leaves alone an update with new content, or with few deletions', () => {
    const doc = docOf(10);
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.transact(() => doc.getMap('m').delete('k1'));
    expect(splitDeleteSet(update!, 50)).toBeNull();
    expect(splitDeleteSet(Y.encodeStateAsUpdate(docOf(500)), 50)).toBeNull();
    expect(splitDeleteSet(new Uint8Array([0, 5, 1]), 50)).toBeNull();
  });
});
