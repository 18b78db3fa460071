import { describe, expect, it } from 'vitest';
import { coalescedReload } from './coalescedReload';

describe('coalescedReload', () => {
  it('runs a burst of reloads as at most two requests and applies the newest answer', async () => {
    let requests = 0;
    let state = 0;
    const applied: number[] = [];
    const releases: (() => void)[] = [];
    const reload = coalescedReload({
      fetch: () =>
        new Promise<number>((resolve) => {
          requests += 1;
          const seen = state;
          releases.push(() => resolve(seen));
        }),
      apply: (v) => applied.push(v),
      fail: () => undefined,
      cancelled: () => false,
    });
    reload();
    state = 1;
    reload();
    state = 2;
    reload();
    releases.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    releases.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(requests).toBe(2);
    expect(applied).toEqual([0, 2]);
  });

  it('applies nothing once cancelled and reports failures', async () => {
    let cancelled = false;
    const applied: number[] = [];
    const failures: unknown[] = [];
    coalescedReload({ fetch: () => Promise.resolve(1), apply: (v) => applied.push(v), fail: (e) => failures.push(e), cancelled: () => cancelled })();
    cancelled = true;
    await new Promise((r) => setTimeout(r, 0));
    expect(applied).toEqual([]);
    coalescedReload({ fetch: () => Promise.reject(new Error('down')), apply: () => undefined, fail: (e) => failures.push(e), cancelled: () => false })();
    await new Promise((r) => setTimeout(r, 0));
    expect(failures).toHaveLength(1);
  });
});
