import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeUpdatesOffThread } from './mergeUpdatesOffThread';

describe('mergeUpdatesOffThread', () => {
  it('merges a long log into the same doc while the calling thread keeps running', { timeout: 60_000 }, async () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const text = source.getText('t');
    for (let i = 0; i < 30_000; i++) text.insert(text.length, `w${i} `);
    const snapshot = Y.encodeStateAsUpdate(new Y.Doc());

    let longestGap = 0;
    let ticks = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      ticks += 1;
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    const merged = await mergeUpdatesOffThread(snapshot, updates);
    const took = performance.now() - started;
    clearInterval(timer);

    const check = new Y.Doc();
    Y.applyUpdate(check, merged);
    expect(check.getText('t').toString()).toBe(text.toString());
    // The merge took a while, and the event loop kept turning meanwhile (on a busy machine, not every millisecond).
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('rejects a log that does not decode, and keeps working afterwards', async () => {
    await expect(mergeUpdatesOffThread(null, [Uint8Array.of(1, 2, 3, 4, 5)])).rejects.toThrow(/merging the doc's log failed/);
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 1);
    const merged = await mergeUpdatesOffThread(null, [Y.encodeStateAsUpdate(doc)]);
    const check = new Y.Doc();
    Y.applyUpdate(check, merged);
    expect(check.getMap('m').get('k')).toBe(1);
  });
});
