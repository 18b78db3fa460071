import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-main/common/contract';
import { mergeAuditPage, nextBeforeAt } from './mergeAuditPage';

function entry(id: string, at: number): AuditEntry {
  return { id, at, actorKind: 'dh', actorId: 'dh1', onBehalfOf: null, action: 'tool.task_create', resource: 'dh/dh1/tasks', outcome: 'allowed', detail: '' };
}

describe('audit trail pages', () => {
  it('asks for the first page without a time, then from the oldest entry shown', () => {
    expect(nextBeforeAt([])).toBeUndefined();
    expect(nextBeforeAt([entry('a', 30), entry('b', 20)])).toBe(21);
  });

  it('keeps entries that share the oldest millisecond, each once', () => {
    // The first page ended on "b" (t=20); "c" has the same time and comes on the next page.
    const shown = [entry('a', 30), entry('b', 20)];
    const next = [entry('b', 20), entry('c', 20), entry('d', 10)];
    const merged = mergeAuditPage(shown, next);
    expect(merged.entries.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(merged.added).toBe(2);
  });
});
