/**
 * Reconnection delays: exponential backoff with jitter, so a relay that
 * restarts is not hit by every client at the same instant, and a relay that
 * stays down is not hammered.
 */

/** Bounds of the backoff, in milliseconds. */
export interface BackoffOptions {
  /** Delay of the first retry (before jitter). */
  minMs: number;
  /** Ceiling of the delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 500, maxMs: 5_000 };

/**
 * Delay before retry number `attempt` (0 for the first): `minMs · 2^attempt`,
 * capped at `maxMs`, then drawn uniformly from its upper half ("equal
 * jitter": never immediate, never in lockstep). `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
