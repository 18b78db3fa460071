import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../../tests/fixtures/seededRandom';
import { splitUpdate } from './splitUpdate';

function docWithHistory(seed: number): Y.Doc {
  const random = seededRandom(seed).next;
  const doc = new Y.Doc();
  const other = new Y.Doc();
  const memories = doc.getMap('memories');
  for (let i = 0; i < 3000; i++) {
    memories.set(`m${Math.floor(random() * 1500)}`, { text: `memory ${i} ${'lorem ipsum '.repeat(Math.floor(random() * 20))}`, at: i });
    if (i % 7 === 0) memories.delete(`m${Math.floor(random() * 1500)}`);
  }
  const text = doc.getText('notes');
  for (let i = 0; i < 500; i++) text.insert(Math.floor(random() * (text.length + 1)), `word${i} `);
  text.delete(10, 200);
  // A second writer, so the update holds several clients.
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  for (let i = 0; i < 500; i++) other.getMap('memories').set(`o${i}`, { text: `other ${i}` });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
  return doc;
}

describe('splitUpdate', () => {
  it('returns a small update as it is', () => {
    const update = Y.encodeStateAsUpdate(docWithHistory(1));
    expect(splitUpdate(update, update.length)).toEqual([update]);
  });

  it('cuts a big update into parts under the limit that rebuild the same doc, in any order', () => {
    const source = docWithHistory(2);
    const update = Y.encodeStateAsUpdate(source);
    const limit = 16 * 1024;
    const parts = splitUpdate(update, limit);
    expect(parts.length).toBeGreaterThan(update.length / limit);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
    for (const order of [parts, [...parts].reverse()]) {
      const copy = new Y.Doc();
      for (const part of order) Y.applyUpdate(copy, part);
      expect(copy.getMap('memories').toJSON()).toEqual(source.getMap('memories').toJSON());
      expect(copy.getText('notes').toString()).toBe(source.getText('notes').toString());
      expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
    }
  });

  it('splits a diff against another replica’s state vector too', () => {
    const source = docWithHistory(3);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
    for (let i = 0; i < 2000; i++) source.getMap('memories').set(`n${i}`, { text: `new ${i} ${'x'.repeat(100)}` });
    const diff = Y.encodeStateAsUpdate(source, Y.encodeStateVector(replica));
    for (const part of splitUpdate(diff, 8 * 1024)) Y.applyUpdate(replica, part);
    expect(replica.getMap('memories').toJSON()).toEqual(source.getMap('memories').toJSON());
  });
});
