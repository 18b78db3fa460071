/**
 * Reciprocal-rank fusion of the ranked lists recall gathers (full text,
 * query coverage, vectors, the date asked about, conversation messages),
 * then a gentle weighting by importance, pinning and recency.
 *
 * RRF (score = Σ weight / (K + rank)) needs no calibration between lists
 * whose scores mean different things (BM25, cosine distance), and rewards an
 * item found by several of them. With K = 60 the gap between two adjacent
 * ranks is about 1.6%, so the weights below are kept to that order: they
 * break near-ties (an important or pinned memory before an equally relevant
 * trivia) but never lift an unrelated memory above a relevant one, and an
 * old fact that answers the question stays above a fresh one that doesn't.
 * The exception is a question about a date: there, what happened then is
 * what is asked for, and an item of that time gains 20% (less as it lies
 * further outside, none beyond one window's length).
 */

/** The RRF constant. */
export const RRF_K = 60;

/** Importance moves a score by at most ±1%. */
const IMPORTANCE_WEIGHT = 0.02;
/** A pinned memory gains 1.5%. */
const PINNED_BOOST = 0.015;
/** The newest item gains 1%, halving every HALF_LIFE_DAYS before it. */
const RECENCY_BOOST = 0.01;
const HALF_LIFE_DAYS = 180;
/** An item inside the time the query is about gains 20%. */
const DATE_BOOST = 0.2;
const DAY = 86_400_000;

/** Something recall can return, with what the weighting needs. */
export interface FusionCandidate {
  key: string;
  importance: number;
  pinned: boolean;
  /** When it happened or was written (ms). */
  time: number;
  /** Extra share of its score, from signals of the caller (0 by default). */
  boost?: number;
}

/** One ranked list: best first, with its weight in the fusion. */
export interface RankedList<T extends FusionCandidate> {
  weight: number;
  items: readonly T[];
}

/** A fused item and its score. */
export interface Fused<T> {
  item: T;
  score: number;
}

export interface FusionOptions {
  /** Apply importance, pinning, recency, date and each item's boost (off to compare texts only). */
  weighting: boolean;
  /** The time the query is about, if it names one. */
  window?: { from: number; to: number } | null;
}

/** How near `time` is to `window`: 1 inside, falling to 0 one window's length away. */
function nearness(time: number, window: { from: number; to: number }): number {
  const length = Math.max(1, window.to - window.from);
  const distance = time < window.from ? window.from - time : time >= window.to ? time - window.to : 0;
  return Math.max(0, 1 - distance / length);
}

/** The `k` best items of `lists`, fused and weighted, best first. */
export function fuseRankings<T extends FusionCandidate>(lists: readonly RankedList<T>[], k: number, options: FusionOptions = { weighting: true }): Fused<T>[] {
  const fused = new Map<string, { item: T; score: number; best: number }>();
  for (const list of lists) {
    list.items.forEach((item, index) => {
      const rank = index + 1;
      const entry = fused.get(item.key);
      const add = list.weight / (RRF_K + rank);
      if (entry) {
        entry.score += add;
        entry.best = Math.min(entry.best, rank);
      } else {
        fused.set(item.key, { item, score: add, best: rank });
      }
    });
  }
  if (fused.size === 0) return [];
  let newest = -Infinity;
  for (const { item } of fused.values()) newest = Math.max(newest, item.time);
  const scored = [...fused.values()].map((entry) => {
    let factor = 1;
    if (options.weighting) {
      const ageDays = Math.max(0, (newest - entry.item.time) / DAY);
      factor += IMPORTANCE_WEIGHT * (entry.item.importance - 0.5);
      if (entry.item.pinned) factor += PINNED_BOOST;
      factor += RECENCY_BOOST * 0.5 ** (ageDays / HALF_LIFE_DAYS);
      if (options.window) factor += DATE_BOOST * nearness(entry.item.time, options.window);
      factor += entry.item.boost ?? 0;
    }
    return { item: entry.item, score: entry.score * factor, best: entry.best };
  });
  scored.sort((a, b) => b.score - a.score || a.best - b.best || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return scored.slice(0, k).map(({ item, score }) => ({ item, score }));
}
