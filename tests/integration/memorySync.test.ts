/**
 * Memories between two cores through a real relay: what A remembers (one
 * memory, then an import) B recalls, with `memory.changed` on B; a delete
 * on B removes the memory on A.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, MemoryPage, RecallResult } from '../../src-main/common/contract';
import { linkedPair } from '../fixtures/linkedPair';
import { eventually } from '../fixtures/syncCores';

describe('memory through a relay', () => {
  it('brings memories from A to B, recalls them there, and deletes them both ways', async () => {
    const { a, b, ws } = await linkedPair();
    const dh = await a.call<DigitalHuman>('dh.create', { workspaceId: ws, name: 'Morgan', handle: 'morgan' });
    const changedOnB: unknown[] = [];
    b.core.onEvent((event, payload) => {
      if (event === 'memory.changed') changedOnB.push(payload);
    });
    const ref = { workspaceId: ws, dhId: dh.id };
    const kept = await a.call<{ id: string }>('memory.add', { ...ref, text: 'The client signs contracts only in blue ink', kind: 'preference' });
    await a.call('memory.import', { ...ref, items: Array.from({ length: 500 }, (_, i) => ({ text: `Status note ${i}: workstream ${i % 7} on track`, source: `note:${i}` })) });

    const recalled = await eventually(
      () => b.call<RecallResult>('memory.recall', { ...ref, query: 'What ink does the client use to sign?', k: 3 }),
      (r) => r.items[0]?.id === kept.id,
      'the memory recalled on B',
    );
    expect(recalled.items[0]).toMatchObject({ kind: 'preference', text: 'The client signs contracts only in blue ink' });
    await eventually(() => b.call<MemoryPage>('memory.list', { ...ref, limit: 200 }), (p) => p.nextCursor !== null, 'the import on B');
    expect(changedOnB).toContainEqual({ workspaceId: ws, dhId: dh.id });

    await b.call('memory.delete', { ...ref, id: kept.id });
    await eventually(
      () => a.call<RecallResult>('memory.recall', { ...ref, query: 'blue ink contracts', k: 3 }),
      (r) => r.items.every((i) => i.id !== kept.id),
      'the delete on A',
    );
  });
});
