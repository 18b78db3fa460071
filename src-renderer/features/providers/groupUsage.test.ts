import { describe, expect, it } from 'vitest';
import { groupUsage } from './groupUsage';

describe('groupUsage', () => {
  it('gives one line per day and digital human, newest day first, with a total', () => {
    const row = (day: string, dhId: string | null, model: string, p: number, c: number, r: number) => ({ day, dhId, model, promptTokens: p, completionTokens: c, requests: r });
    const { lines, total } = groupUsage([
      row('2026-03-10', null, 'embed', 5, 0, 1),
      row('2026-03-10', 'ada', 'small', 100, 20, 2),
      row('2026-03-10', 'ada', 'large', 10, 2, 1),
      row('2026-03-09', 'ada', 'small', 7, 3, 1),
    ]);
    expect(lines).toEqual([
      { day: '2026-03-10', dhId: null, models: ['embed'], promptTokens: 5, completionTokens: 0, requests: 1 },
      { day: '2026-03-10', dhId: 'ada', models: ['large', 'small'], promptTokens: 110, completionTokens: 22, requests: 3 },
      { day: '2026-03-09', dhId: 'ada', models: ['small'], promptTokens: 7, completionTokens: 3, requests: 1 },
    ]);
    expect(total).toEqual({ promptTokens: 122, completionTokens: 25, requests: 5 });
  });
});
