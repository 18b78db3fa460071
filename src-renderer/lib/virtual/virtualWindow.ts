/**
 * The window math of a virtualized list with rows of different heights:
 * prefix sums of the heights, which rows intersect the viewport (plus an
 * overscan margin), and a scroll anchor (a row and an offset into it) that
 * survives rows being added above or re-measured. Pure, so it is unit-tested
 * without a DOM.
 */

/** Rows [start, end) to render. */
export interface RowRange {
  start: number;
  end: number;
}

/** A row and how far the viewport's top is below that row's top. */
export interface ScrollAnchor {
  index: number;
  offset: number;
}

/** `offsets[i]` is the top of row i; `offsets[count]` is the total height. */
export function buildOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightOf(i);
  return offsets;
}

/** Index of the row that contains `y` (clamped to the rows that exist; 0 when there are none). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Rows to render for a viewport at `scrollTop` of `height` pixels, with
 * `overscan` pixels more on each side, and never more than `maxRows` rows
 * (which bounds the DOM whatever the heights claim).
 */
export function visibleRange(offsets: Float64Array, scrollTop: number, height: number, overscan: number, maxRows = Infinity): RowRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, scrollTop - overscan));
  const last = rowAt(offsets, scrollTop + height + overscan);
  const end = Math.min(count, last + 1, start + maxRows);
  return { start, end };
}

/** The anchor that pins what is at the viewport's top. */
export function anchorAt(offsets: Float64Array, scrollTop: number): ScrollAnchor {
  const index = rowAt(offsets, scrollTop);
  return { index, offset: scrollTop - (offsets[index] ?? 0) };
}

/** The scrollTop that puts `anchor` back where it was. */
export function scrollTopFor(offsets: Float64Array, anchor: ScrollAnchor): number {
  const index = Math.min(Math.max(anchor.index, 0), Math.max(offsets.length - 2, 0));
  return (offsets[index] ?? 0) + anchor.offset;
}

/** True when the viewport shows the end of the content (within `slack` pixels). */
export function isAtBottom(scrollTop: number, viewportHeight: number, contentHeight: number, slack = 4): boolean {
  return scrollTop + viewportHeight >= contentHeight - slack;
}

/** The scrollTop that shows row `index` at `align` ('start', 'center' or 'end') of the viewport. */
export function scrollTopToShow(offsets: Float64Array, index: number, viewportHeight: number, align: 'start' | 'center' | 'end'): number {
  const top = offsets[index] ?? 0;
  const bottom = offsets[index + 1] ?? top;
  const total = offsets[offsets.length - 1] ?? 0;
  const wanted = align === 'start' ? top : align === 'end' ? bottom - viewportHeight : top - (viewportHeight - (bottom - top)) / 2;
  return Math.max(0, Math.min(wanted, Math.max(0, total - viewportHeight)));
}
