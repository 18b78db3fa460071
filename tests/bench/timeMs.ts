/** Wall-clock timing of synchronous and asynchronous work. */
import { performance } from 'node:perf_hooks';

/** Milliseconds `fn` took to run. */
export function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Milliseconds the promise returned by `fn` took to settle. */
export async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
