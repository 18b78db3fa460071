import { describe, expect, it } from 'vitest';
import { evaluateRecall } from './evaluateRecall';

describe('evaluateRecall', () => {
  it('scores hit@5, hit@10 and all@10 per kind, known kinds first, then over all questions', () => {
    const top = (...sources: string[]): string[] => sources;
    const scores = evaluateRecall([
      // Answer first: a hit at 5 and at 10, all found.
      { kind: 'single-hop', answers: ['D1:1'], recalled: top('D1:1', 'D1:2') },
      // Answer sixth: a hit at 10 only.
      { kind: 'single-hop', answers: ['D1:6'], recalled: top('a', 'b', 'c', 'd', 'e', 'D1:6') },
      // One of two answers in the first ten, the other eleventh: a hit, not all.
      { kind: 'multi-hop', answers: ['D1:1', 'D3:4'], recalled: top('D1:1', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'D3:4') },
      { kind: 'custom', answers: ['x'], recalled: [null, 'x'] },
      { kind: 'temporal', answers: ['D2:2'], recalled: [] },
    ]);
    expect(scores.map((s) => s.kind)).toEqual(['single-hop', 'multi-hop', 'temporal', 'custom', 'all']);
    expect(scores[0]).toEqual({ kind: 'single-hop', questions: 2, hitAt5: 0.5, hitAt10: 1, allAt10: 1 });
    expect(scores[1]).toEqual({ kind: 'multi-hop', questions: 1, hitAt5: 1, hitAt10: 1, allAt10: 0 });
    expect(scores[2]).toEqual({ kind: 'temporal', questions: 1, hitAt5: 0, hitAt10: 0, allAt10: 0 });
    expect(scores[3]).toEqual({ kind: 'custom', questions: 1, hitAt5: 1, hitAt10: 1, allAt10: 1 });
    expect(scores[4]).toEqual({ kind: 'all', questions: 5, hitAt5: 3 / 5, hitAt10: 4 / 5, allAt10: 3 / 5 });
  });

  it('gives zeros, not NaN, for no questions', () => {
    expect(evaluateRecall([])).toEqual([{ kind: 'all', questions: 0, hitAt5: 0, hitAt10: 0, allAt10: 0 }]);
  });
});
