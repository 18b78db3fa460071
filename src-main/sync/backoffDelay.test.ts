import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../tests/fixtures/seededRandom';
import { backoffDelay } from './backoffDelay';

describe('reconnect backoff', () => {
  const options = { minMs: 500, maxMs: 5_000 };

  it('doubles from the minimum up to the ceiling, in the upper half of each step', () => {
    expect([0, 1, 2, 3, 4, 10, 100].map((n) => backoffDelay(n, options, () => 0))).toEqual([250, 500, 1000, 2000, 2500, 2500, 2500]);
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, options, () => 0.999999))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('spreads clients that failed together', () => {
    const rng = seededRandom(7);
    const delays = Array.from({ length: 200 }, () => backoffDelay(6, options, rng.next));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5000);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });
});
