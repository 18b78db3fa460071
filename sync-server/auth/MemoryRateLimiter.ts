/**
 * Fixed-window rate limiter keyed by strings (an email, an IP), in memory:
 * the one node's limiter (several nodes share RedisRateLimiter.ts). Limits
 * reset when the relay restarts, which is acceptable for abuse throttling;
 * expired windows are swept so the map stays bounded.
 */
import type { RateLimiter } from './RateLimiter';

const SWEEP_ABOVE = 10_000;

interface Window {
  start: number;
  count: number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Promise<number> {
    return Promise.resolve(this.takeNow(key));
  }

  private takeNow(key: string): number {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= SWEEP_ABOVE) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count += 1;
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
