/**
 * One route of the relay's HTTP API: a method, a path pattern with `:param`
 * segments, and a handler answering `{ status, body }` or throwing a
 * `RelayError` (turned into `{ error: { code, message } }` by the handler).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler receives. */
export interface RouteContext {
  req: IncomingMessage;
  /** For a route that streams its answer itself (file downloads): it then answers `{ status, streamed: true }`. */
  res: ServerResponse;
  params: Record<string, string>;
  /** Client IP: the right-most X-Forwarded-For hop that is not a trusted proxy (the peer when there are none). */
  ip: string;
}

/** What a route handler answers; `body` undefined means no content. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
  /** Set for non-JSON answers (metrics). */
  contentType?: string;
  /** The route wrote the answer itself on `res`. */
  streamed?: boolean;
}

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. `/v1/workspaces/:id/members/:userId` */
  path: string;
  handle(ctx: RouteContext): Promise<RouteAnswer> | RouteAnswer;
}

/** Compiled form of a route's path. */
export interface CompiledRoute extends HttpRoute {
  pattern: RegExp;
  names: string[];
}

/** Compiles `:name` segments into a regex that captures one path segment each. */
export function compileRoute(route: HttpRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}
