/**
 * The relay's HTTP request handler: matches a route, runs it, and answers
 * JSON. Every failure is `{ error: { code, message } }` with the status of
 * its `RelayError`; anything else is logged and answered as a generic 500.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../src-main/common/Logger';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import { RateLimitedError, RelayError, toRelayWireError } from '../RelayError';
import { compileRoute, type HttpRoute, type RouteAnswer } from './HttpRoute';

/** Options of `createHttpHandler`. */
export interface HttpHandlerOptions {
  routes: HttpRoute[];
  metrics: RelayMetrics;
  logger: Logger;
  /** Reverse proxies in front of the relay (config `trustedProxies`); 0 ignores X-Forwarded-For. */
  trustedProxies: number;
}

/** Builds the request listener of the relay's HTTP server. */
export function createHttpHandler(options: HttpHandlerOptions): RequestListener {
  const routes = options.routes.map(compileRoute);
  const { metrics, logger } = options;

  const answer = (res: ServerResponse, result: RouteAnswer, headers: Record<string, string> = {}): void => {
    metrics.httpRequest(result.status);
    if (result.streamed) return;
    if (result.body === undefined) {
      res.writeHead(result.status, headers).end();
      return;
    }
    const text = result.contentType ? String(result.body) : JSON.stringify(result.body);
    res
      .writeHead(result.status, { 'content-type': result.contentType ?? 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
      .end(text);
  };

  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
    const wire = toRelayWireError(err);
    const status = err instanceof RelayError ? err.status : 500;
    if (status >= 500) logger('error', 'http.error', { method: req.method, path: pathOf(req), err });
    else logger('debug', 'http.refused', { method: req.method, path: pathOf(req), status, code: wire.code });
    const headers: Record<string, string> = err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) } : {};
    // A body we did not read may still be arriving: close the connection rather than parse it as the next request.
    if (!req.complete) headers.connection = 'close';
    answer(res, { status, body: { error: wire } }, headers);
  };

  return (req, res) => {
    const path = pathOf(req);
    const matching = routes.filter((route) => route.pattern.test(path));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      const status = matching.length > 0 ? 405 : 404;
      const message = status === 405 ? `${req.method} is not allowed on ${path}.` : `No route ${path}.`;
      answer(res, { status, body: { error: { code: status === 405 ? 'VALIDATION' : 'NOT_FOUND', message } } });
      return;
    }
    const match = route.pattern.exec(path);
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(match?.[i + 1] ?? '');
      });
    } catch {
      // A malformed %-escape in the path.
      fail(req, res, new RelayError('VALIDATION', 'The path has a malformed %-escape.'));
      return;
    }
    const ip = clientIp(req, options.trustedProxies);
    Promise.resolve()
      .then(() => route.handle({ req, res, params, ip }))
      .then(
        (result) => answer(res, result),
        (err: unknown) => fail(req, res, err),
      );
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * The client IP: the right-most hop that is not one of our `trustedProxies`.
 * The hops are the X-Forwarded-For entries then the socket's peer; each proxy
 * we run appends the address it got the request from, so counting from the
 * right skips exactly our proxies, and whatever a client wrote on the left
 * of the header is never read (Node joins repeated headers with commas).
 */
export function clientIp(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '');
  const hops = [
    ...header
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== ''),
    peer,
  ];
  // Fewer hops than proxies: the request skipped some of them; the left-most hop is the farthest we know.
  return hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? peer;
}
