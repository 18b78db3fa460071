/**
 * `RateLimiter` in Redis, shared by every relay node: one counter per
 * (limit, key) at `qwanyx:rate:<name>:<key>`, created with the window as its
 * time to live, counted and checked by one script (atomic: parallel hits on
 * any node never get past the limit between them). Same fixed windows as
 * MemoryRateLimiter.ts. A Redis that does not answer fails the request (a
 * 500) rather than letting it through unlimited.
 */
import type { Redis } from 'ioredis';
import type { RateLimiter } from './RateLimiter';

/** Counts a hit; returns 0 when under the limit, else the window's remaining milliseconds. */
const TAKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if count > tonumber(ARGV[2]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
  return ttl
end
return 0
`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async take(key: string): Promise<number> {
    const waitMs = Number(await this.redis.eval(TAKE_SCRIPT, 1, `qwanyx:rate:${this.name}:${key}`, String(this.windowMs), String(this.limit)));
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }
}
