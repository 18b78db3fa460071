/** Percentiles of timing samples (nearest-rank method, so the result is always an observed sample). */

/** The `p`-th percentile (0–100) of `samples`; throws on an empty list. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample list');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median of `samples`. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds a duration in ms to µs precision, which is all a JSON report needs. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
