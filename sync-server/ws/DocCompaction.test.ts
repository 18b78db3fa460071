import { describe, expect, it } from 'vitest';
import { RelayMetrics } from '../metrics/RelayMetrics';
import type { CompactResult, DocKey, DocPersistence } from '../persistence/DocPersistence';
import { DocCompaction } from './DocCompaction';

/** A log whose merges the test counts; a merge leaves a snapshot of `mergedBytes`. */
function setup(compactEvery: number, mergedBytes: number): { compaction: DocCompaction; merges: DocKey[]; stored: number[] } {
  const merges: DocKey[] = [];
  const stored: number[] = [];
  const persistence = {
    compact: (key: DocKey): Promise<CompactResult> => {
      merges.push(key);
      return Promise.resolve({ merged: 1, bytes: mergedBytes });
    },
  } as unknown as DocPersistence;
  const metrics = new RelayMetrics({ connections: () => 0, pendingAuth: () => 0, docsLoaded: () => 0 });
  const compaction = new DocCompaction({ workspaceId: 'w', docName: 'audit' }, { persistence, metrics, logger: () => undefined, compactEvery }, (bytes) => stored.push(bytes));
  return { compaction, merges, stored };
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('DocCompaction', () => {
  it('merges a small doc every compactEvery updates', async () => {
    const { compaction, merges, stored } = setup(10, 900);
    compaction.loaded(0, 0, 0);
    for (let i = 0; i < 9; i++) compaction.appended(100);
    compaction.afterCommit();
    await settled();
    expect(merges).toHaveLength(0);
    compaction.appended(100);
    compaction.afterCommit();
    await settled();
    expect(merges).toHaveLength(1);
    expect(stored).toEqual([900]);
  });

  it('merges a big doc once its log reaches a quarter of the snapshot, not every compactEvery updates', async () => {
    const { compaction, merges } = setup(10, 1_000_000);
    compaction.loaded(1_000_000, 0, 0);
    for (let i = 0; i < 249; i++) {
      compaction.appended(1000);
      compaction.afterCommit();
    }
    await settled();
    expect(merges).toHaveLength(0);
    compaction.appended(1000);
    compaction.afterCommit();
    await settled();
    expect(merges).toHaveLength(1);
    // The log starts again from the new snapshot.
    for (let i = 0; i < 10; i++) compaction.appended(1000);
    compaction.afterCommit();
    await settled();
    expect(merges).toHaveLength(1);
  });

  it('counts a loaded log and merges whatever is left when the doc leaves memory', async () => {
    const { compaction, merges } = setup(500, 10);
    compaction.loaded(1000, 600, 300);
    compaction.afterCommit();
    await settled();
    expect(merges).toHaveLength(1);
    compaction.appended(10);
    compaction.unloaded();
    await settled();
    expect(merges).toHaveLength(2);
    compaction.rewritten(50);
    compaction.unloaded();
    await settled();
    expect(merges).toHaveLength(2);
  });
});
