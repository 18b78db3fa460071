import { describe, expect, it } from 'vitest';
import { anchorAt, buildOffsets, isAtBottom, rowAt, scrollTopFor, scrollTopToShow, visibleRange } from './virtualWindow';

/** Heights 20, 40, 60, 20, 40, 60… */
const cycle = (i: number): number => [20, 40, 60][i % 3]!;

describe('offsets', () => {
  it('are the prefix sums of the heights', () => {
    expect([...buildOffsets(4, cycle)]).toEqual([0, 20, 60, 120, 140]);
    expect([...buildOffsets(0, cycle)]).toEqual([0]);
  });

  it('find the row containing a y, clamped at both ends', () => {
    const offsets = buildOffsets(4, cycle);
    expect(rowAt(offsets, -5)).toBe(0);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 19.9)).toBe(0);
    expect(rowAt(offsets, 20)).toBe(1);
    expect(rowAt(offsets, 119)).toBe(2);
    expect(rowAt(offsets, 139)).toBe(3);
    expect(rowAt(offsets, 10_000)).toBe(3);
    expect(rowAt(buildOffsets(0, cycle), 50)).toBe(0);
  });

  it('stay fast for 100,000 rows', () => {
    const started = performance.now();
    const offsets = buildOffsets(100_000, cycle);
    for (let y = 0; y < 4_000_000; y += 997) rowAt(offsets, y);
    expect(offsets[100_000]).toBe(3_999_980);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('visible range', () => {
  const offsets = buildOffsets(100_000, () => 30);

  it('covers the viewport plus the overscan on both sides', () => {
    expect(visibleRange(offsets, 3000, 600, 0)).toEqual({ start: 100, end: 121 });
    expect(visibleRange(offsets, 3000, 600, 300)).toEqual({ start: 90, end: 131 });
  });

  it('is clamped at the top and the bottom', () => {
    expect(visibleRange(offsets, 0, 600, 300)).toEqual({ start: 0, end: 31 });
    expect(visibleRange(offsets, 30 * 100_000 - 600, 600, 300)).toEqual({ start: 99_970, end: 100_000 });
  });

  it('never renders more than maxRows, however small the rows', () => {
    const tiny = buildOffsets(100_000, () => 1);
    const range = visibleRange(tiny, 50_000, 800, 400, 150);
    expect(range.end - range.start).toBe(150);
  });

  it('is empty for an empty list', () => {
    expect(visibleRange(buildOffsets(0, cycle), 0, 600, 300)).toEqual({ start: 0, end: 0 });
  });
});

describe('scroll anchor', () => {
  it('keeps the same content at the top when rows are added above', () => {
    const before = buildOffsets(10, () => 50);
    const anchor = anchorAt(before, 130);
    expect(anchor).toEqual({ index: 2, offset: 30 });
    // 5 rows of 40 px arrive above: row 2 is now row 7.
    const after = buildOffsets(15, (i) => (i < 5 ? 40 : 50));
    expect(scrollTopFor(after, { index: anchor.index + 5, offset: anchor.offset })).toBe(200 + 100 + 30);
  });

  it('keeps the same content at the top when a row above is re-measured', () => {
    const estimated = buildOffsets(10, () => 50);
    const anchor = anchorAt(estimated, 260);
    const measured = buildOffsets(10, (i) => (i === 1 ? 120 : 50));
    expect(scrollTopFor(measured, anchor) - (measured[anchor.index] ?? 0)).toBe(10);
    expect(scrollTopFor(measured, anchor)).toBe(330);
  });

  it('clamps an anchor past the end', () => {
    expect(scrollTopFor(buildOffsets(3, () => 10), { index: 9, offset: 4 })).toBe(24);
    expect(scrollTopFor(buildOffsets(0, () => 10), { index: 0, offset: 0 })).toBe(0);
  });
});

describe('bottom and jumps', () => {
  it('tells when the end is in view', () => {
    expect(isAtBottom(400, 600, 1000)).toBe(true);
    expect(isAtBottom(397, 600, 1000)).toBe(true);
    expect(isAtBottom(390, 600, 1000)).toBe(false);
    expect(isAtBottom(0, 600, 300)).toBe(true);
  });

  it('computes where to scroll to show a row', () => {
    const offsets = buildOffsets(100, () => 20);
    expect(scrollTopToShow(offsets, 50, 200, 'start')).toBe(1000);
    expect(scrollTopToShow(offsets, 50, 200, 'center')).toBe(910);
    expect(scrollTopToShow(offsets, 50, 200, 'end')).toBe(820);
    expect(scrollTopToShow(offsets, 0, 200, 'center')).toBe(0);
    expect(scrollTopToShow(offsets, 99, 200, 'start')).toBe(1800);
  });
});
