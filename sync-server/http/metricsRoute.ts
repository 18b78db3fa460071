/**
 * `GET /metrics` (Prometheus text). The counters say how many sockets, docs
 * and refusals a relay has, which is worth knowing to an attacker too, so the
 * route wants `Authorization: Bearer <RELAY_METRICS_TOKEN>`; without a
 * configured token it is refused, except in dev mode where it is open.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import { ForbiddenError, UnauthorizedError } from '../RelayError';
import type { HttpRoute } from './HttpRoute';

/** Options of `metricsRoute`. */
export interface MetricsRouteOptions {
  metrics: RelayMetrics;
  /** `RELAY_METRICS_TOKEN`; when set, it is required even in dev mode. */
  token: string | undefined;
  dev: boolean;
}

/** The /metrics route. */
export function metricsRoute(options: MetricsRouteOptions): HttpRoute {
  const expected = options.token === undefined ? null : digest(options.token);
  return {
    method: 'GET',
    path: '/metrics',
    handle: ({ req }) => {
      if (expected === null && !options.dev) {
        throw new ForbiddenError('/metrics is off: set RELAY_METRICS_TOKEN on the relay and send it as "Authorization: Bearer <token>".');
      }
      if (expected !== null) {
        const given = /^Bearer (\S{1,512})$/.exec(req.headers.authorization ?? '')?.[1];
        // Digests of equal length, so the comparison takes the same time whatever was sent.
        if (given === undefined || !timingSafeEqual(digest(given), expected)) {
          throw new UnauthorizedError('/metrics needs "Authorization: Bearer <RELAY_METRICS_TOKEN>".');
        }
      }
      return { status: 200, body: options.metrics.render(), contentType: 'text/plain; version=0.0.4; charset=utf-8' };
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
