import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fillClockGaps } from './fillClockGaps';
import { mergeReadableDoc } from './mergeReadableDoc';

function writes(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getMap('messages').set(`m${i}`, `text ${i}`);
  return updates;
}

function keysOf(update: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return [...doc.getMap('messages').keys()].sort();
}

describe('mergeReadableDoc and fillClockGaps', () => {
  it('drops rows whose bytes do not decode and merges the rest', () => {
    const updates = writes(4);
    const garbage = new Uint8Array(64).map((_, i) => (i * 131 + 17) % 251);
    const merged = mergeReadableDoc({ docName: 'room/r', snapshot: null, updates: [...updates.map((data, seq) => ({ seq, data })), { seq: 9, data: garbage }] });
    expect(merged).toMatchObject({ kept: 4, dropped: 1 });
    expect(keysOf(merged!.update)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(mergeReadableDoc({ docName: 'room/r', snapshot: null, updates: [{ seq: 1, data: garbage }] })).toBeNull();
  });

  it('fills the clock ranges of lost rows, so the changes after them show', () => {
    const updates = writes(10);
    const readable = updates.filter((_, i) => i !== 0 && i !== 3 && i !== 4);
    const merged = mergeReadableDoc({ docName: 'room/r', snapshot: null, updates: readable.map((data, seq) => ({ seq, data })) })!;
    // Without filling, everything after the first hole waits for it.
    expect(keysOf(merged.update)).toEqual([]);
    expect(keysOf(fillClockGaps(merged.update))).toEqual(['m1', 'm2', 'm5', 'm6', 'm7', 'm8', 'm9']);
    // A whole update has no hole: it comes back unchanged.
    const whole = Y.mergeUpdates(updates);
    expect(fillClockGaps(whole)).toBe(whole);
  });
});
