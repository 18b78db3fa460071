/**
 * A fixed-window rate limit keyed by strings (an email, an IP): in memory on
 * one node (MemoryRateLimiter.ts), in Redis when nodes share the limits
 * (RedisRateLimiter.ts), so a client spreading its requests over the nodes
 * gets no more than from one.
 */
export interface RateLimiter {
  /** Counts one hit for `key`; resolves 0 when allowed, else the seconds until the window resets. */
  take(key: string): Promise<number>;
}

/** Makes the limiter named `name` (one per limit: codes per email, per IP…) allowing `limit` hits per `windowMs`. */
export type RateLimiterFactory = (name: string, limit: number, windowMs: number) => RateLimiter;
