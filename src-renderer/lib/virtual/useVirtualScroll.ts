/**
 * A virtualized, bottom-anchored scroller for rows of different heights
 * (a chat timeline): only the rows in view plus an overscan margin are in
 * the DOM, each measured by a ResizeObserver; the scroll position is kept as
 * an anchor (a row key and an offset into it, or "bottom"), so rows loaded
 * above, rows re-measured, a resized window or a return to the room never
 * move what the user is reading. Anchor and heights live in a `ScrollMemory`
 * the caller keeps per room.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { buildOffsets, isAtBottom, rowAt, scrollTopToShow, visibleRange } from './virtualWindow';
import type { RowRange } from './virtualWindow';

/** Where the view stands: stuck to the bottom, or a row and the viewport's offset from its top. */
export type Anchor = 'bottom' | { key: string; index: number; offset: number };

/** What is remembered about a list between visits. */
export interface ScrollMemory {
  anchor: Anchor;
  /** Measured row heights by key. */
  heights: Map<string, number>;
}

export interface VirtualScrollOptions {
  keys: readonly string[];
  memory: ScrollMemory;
  /** Height assumed for a row not measured yet. */
  estimate: number;
  /** Height of what sits above the first row (a loader, the room's intro). */
  headerHeight: number;
  /** Pixels rendered beyond each edge of the viewport. */
  overscan: number;
  /** Hard cap on rendered rows. */
  maxRows: number;
  /** When the rows do not fill the viewport, sit at its bottom (a chat) rather than its top. */
  alignEnd: boolean;
}

export interface VirtualScroll {
  scrollerRef: RefObject<HTMLDivElement | null>;
  range: RowRange;
  /** Top of row i inside the content. */
  rowTop(index: number): number;
  contentHeight: number;
  /** Ref callback for each rendered row (the element must carry `data-key`). */
  measure(element: HTMLElement | null): (() => void) | undefined;
  /** Scrolls row `key` into view and anchors on it. */
  scrollToKey(key: string, align: 'start' | 'center' | 'end'): boolean;
  scrollToBottom(): void;
  viewport: { top: number; height: number };
  atBottom: boolean;
}

/** Where the rows stood when an anchor was taken. */
interface Geometry {
  keys: readonly string[];
  offsets: Float64Array;
  base: number;
  contentHeight: number;
}

/** The anchor for a viewport at `top`, against `geometry`; `current` while there are no rows to anchor on. */
function anchorFromScroll(top: number, height: number, geometry: Geometry, current: Anchor): Anchor {
  const { keys, offsets, base, contentHeight } = geometry;
  if (keys.length === 0) return current;
  if (isAtBottom(top, height, contentHeight)) return 'bottom';
  const index = rowAt(offsets, top - base);
  return { key: keys[index]!, index, offset: top - base - (offsets[index] ?? 0) };
}

function findKey(keys: readonly string[], key: string, hint: number, shift: number): number {
  if (keys[hint] === key) return hint;
  if (keys[hint + shift] === key) return hint + shift;
  return keys.indexOf(key);
}

export function useVirtualScroll({ keys, memory, estimate, headerHeight, overscan, maxRows, alignEnd }: VirtualScrollOptions): VirtualScroll {
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  const [version, setVersion] = useState(0);
  const offsets = useMemo(
    () => buildOffsets(keys.length, (i) => memory.heights.get(keys[i]!) ?? estimate),
    // `version` changes when a row's measured height does.
    [keys, memory, estimate, version],
  );
  const rowsHeight = offsets[keys.length] ?? 0;
  // Fewer rows than fit: in a chat they sit at the bottom, above the composer.
  const base = headerHeight + (alignEnd ? Math.max(0, viewport.height - headerHeight - rowsHeight) : 0);
  const contentHeight = base + rowsHeight;

  const latest = useRef<Geometry>({ keys, offsets, base, contentHeight });
  const shift = keys.length - latest.current.keys.length;
  /** The scrollTop the anchor was last computed from or applied at. */
  const knownTop = useRef(0);

  const [observer] = useState(
    () =>
      new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const element = entry.target as HTMLElement;
          const key = element.dataset.key;
          const height = entry.borderBoxSize[0]?.blockSize ?? element.getBoundingClientRect().height;
          if (key !== undefined && height > 0 && Math.abs((memory.heights.get(key) ?? -1) - height) > 0.5) {
            memory.heights.set(key, height);
            changed = true;
          }
        }
        if (changed) setVersion((v) => v + 1);
      }),
  );

  const readScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    memory.anchor = anchorFromScroll(el.scrollTop, el.clientHeight, latest.current, memory.anchor);
    knownTop.current = el.scrollTop;
    const top = el.scrollTop;
    setViewport((prev) => (prev.top === top && prev.height === el.clientHeight ? prev : { top, height: el.clientHeight }));
  }, [memory]);

  // Put the anchor back after every change of rows, heights or size, before the browser paints.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    // Shorter content clamps scrollTop to its new end: that is not the user scrolling.
    const clamped = el !== null && el.scrollTop < knownTop.current && el.scrollTop >= el.scrollHeight - el.clientHeight - 0.5;
    if (el && !clamped && Math.abs(el.scrollTop - knownTop.current) > 0.5) {
      // The user scrolled and the scroll event is not in yet: take the anchor from where they are,
      // measured against the rows as they were, or this restore would undo their scroll.
      memory.anchor = anchorFromScroll(el.scrollTop, el.clientHeight, latest.current, memory.anchor);
    }
    latest.current = { keys, offsets, base, contentHeight };
    if (!el) return;
    const anchor = memory.anchor;
    let target = el.scrollTop;
    if (anchor === 'bottom') {
      target = Math.max(0, contentHeight - el.clientHeight);
    } else {
      const index = findKey(keys, anchor.key, anchor.index, shift);
      if (index !== -1) {
        memory.anchor = { ...anchor, index };
        target = base + (offsets[index] ?? 0) + anchor.offset;
      }
    }
    if (Math.abs(el.scrollTop - target) > 0.5) el.scrollTop = target;
    const top = el.scrollTop;
    knownTop.current = top;
    setViewport((prev) => (prev.top === top && prev.height === el.clientHeight ? prev : { top, height: el.clientHeight }));
  }, [keys, offsets, base, contentHeight, memory, shift]);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return undefined;
    el.addEventListener('scroll', readScroll, { passive: true });
    const sizeObserver = new ResizeObserver(() => {
      setViewport((prev) => (prev.height === el.clientHeight ? prev : { top: el.scrollTop, height: el.clientHeight }));
    });
    sizeObserver.observe(el);
    return () => {
      el.removeEventListener('scroll', readScroll);
      sizeObserver.disconnect();
    };
  }, [readScroll]);

  const measure = useCallback(
    (element: HTMLElement | null) => {
      if (!element) return undefined;
      observer.observe(element);
      return () => observer.unobserve(element);
    },
    [observer],
  );

  const scrollToKey = useCallback(
    (key: string, align: 'start' | 'center' | 'end') => {
      const el = scrollerRef.current;
      const { keys: k, offsets: o, base: b } = latest.current;
      const index = k.indexOf(key);
      if (!el || index === -1) return false;
      const target = b + scrollTopToShow(o, index, el.clientHeight, align);
      memory.anchor = { key, index, offset: target - b - (o[index] ?? 0) };
      el.scrollTop = target;
      knownTop.current = el.scrollTop;
      setViewport({ top: el.scrollTop, height: el.clientHeight });
      return true;
    },
    [memory],
  );

  const scrollToBottom = useCallback(() => {
    const el = scrollerRef.current;
    memory.anchor = 'bottom';
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    knownTop.current = el.scrollTop;
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  }, [memory]);

  const range = visibleRange(offsets, viewport.top - base, viewport.height, overscan, maxRows);
  const rowTop = (index: number): number => base + (offsets[index] ?? 0);
  const atBottom = viewport.height > 0 && isAtBottom(viewport.top, viewport.height, contentHeight);
  return { scrollerRef, range, rowTop, contentHeight, measure, scrollToKey, scrollToBottom, viewport, atBottom };
}
