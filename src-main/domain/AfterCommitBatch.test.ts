import { describe, expect, it } from 'vitest';
import { AfterCommitBatch } from './AfterCommitBatch';

describe('AfterCommitBatch', () => {
  it('flushes a burst once, after the current turn, each key once; nothing after close', async () => {
    const flushed: string[][] = [];
    const batch = new AfterCommitBatch<string>((keys) => flushed.push(keys));
    batch.add('a');
    batch.add('b');
    batch.add('a');
    expect(flushed).toEqual([]);
    await Promise.resolve();
    expect(flushed).toEqual([['a', 'b']]);
    batch.add('c');
    batch.close();
    await Promise.resolve();
    expect(flushed).toEqual([['a', 'b']]);
  });
});
