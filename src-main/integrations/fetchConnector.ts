/**
 * The one request loop every connector HTTP client goes through (GitHub,
 * Google and Microsoft Graph, the REST connectors), so that a call to any
 * service ends the same way: in an answer, or in an error a person can act on.
 * It guarantees:
 * - a bounded wait: each attempt is aborted after `timeoutMs` (default 15 s);
 * - offline or unreachable (connection refused, DNS, timeout):
 *   ConnectorUnreachableError at once, no retry loop;
 * - 401: the client's reason is recorded first (`onUnauthorized`: the
 *   connection goes to its reconnect state), then ConnectorReconnectError;
 * - rate limited (by default a 429; a client may recognise more, such as
 *   GitHub's 403 without quota): the wait it asks for (`Retry-After` in
 *   seconds or as an HTTP date; a minute when it does not say) is waited
 *   out once when it is at most `maxRetryWaitMs` (default 10 s), the request
 *   is sent again with headers asked afresh (a refreshed token); a longer
 *   wait, or a second limit, is a ConnectorRefusedError saying when to try
 *   again, never a sleep;
 * - any other refusal is the request's own error (`refused`), with the
 *   service's message read from the body.
 * Headers, credentials, pagination and wording stay with each client.
 */
import { ConnectorReconnectError, ConnectorRefusedError, ConnectorUnreachableError } from './connectorErrors';

/** How one client talks to its service: the same for every request it sends. */
export interface ConnectorPolicy {
  /** The service's name in messages (`GitHub`, `Microsoft 365`, `EspoCRM`). */
  service: string;
  /** Per attempt (default 15 s). */
  timeoutMs?: number | undefined;
  /** Longest rate-limit wait done before sending once more (default 10 s); longer ones are an error. */
  maxRetryWaitMs?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
  /** Which answers go back to the caller as they are (default: 2xx). */
  accept?: (res: Response) => boolean;
  /** Sees every answer before it is judged (GitHub reads the token's scopes). */
  seen?: (res: Response) => void;
  /** The service's message in a refused answer (read from its body). */
  errorMessage: (res: Response) => Promise<string>;
  /** The reason recorded for a 401, from the service's message. */
  unauthorizedReason: (message: string) => string;
  /** Records the reconnect state; runs before ConnectorReconnectError is thrown. */
  onUnauthorized: (reason: string) => Promise<void>;
  /** How long a refused answer asks to wait, or null when it is not a rate limit (default: `defaultRateLimitWait`). */
  rateLimitWait?: (res: Response, now: number) => number | null;
  /** The message of a rate limit too long to wait out: in `seconds`, after `atUtc` (`HH:MM`). */
  rateLimited: (seconds: number, atUtc: string) => string;
}

/** One request; `headers` is asked before each attempt, so credentials are read just before they are sent. */
export interface ConnectorRequest {
  method: string;
  url: string | URL;
  headers: () => Promise<Record<string, string>>;
  body?: string | undefined;
  redirect?: RequestRedirect | undefined;
  /** The error of any refusal that is neither a 401 nor a rate limit, with the service's message. */
  refused: (res: Response, message: string) => Error;
}

/** Sends `request` under `policy`; resolves to an accepted answer (body unread), or throws as the header says. */
export async function fetchConnector(policy: ConnectorPolicy, request: ConnectorRequest): Promise<Response> {
  const now = policy.now ?? Date.now;
  for (let attempt = 0; ; attempt += 1) {
    const headers = await request.headers();
    const res = await fetchOnce(policy.service, request.url, {
      method: request.method,
      redirect: request.redirect ?? 'follow',
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    }, policy.timeoutMs);
    policy.seen?.(res);
    if ((policy.accept ?? isSuccess)(res)) return res;
    const message = await policy.errorMessage(res);
    if (res.status === 401) {
      const reason = policy.unauthorizedReason(message);
      await policy.onUnauthorized(reason);
      throw new ConnectorReconnectError(policy.service, reason);
    }
    const waitMs = (policy.rateLimitWait ?? defaultRateLimitWait)(res, now());
    if (waitMs !== null) {
      if (attempt === 0 && waitMs <= (policy.maxRetryWaitMs ?? 10_000)) {
        await (policy.sleep ?? sleep)(waitMs);
        continue;
      }
      const at = new Date(now() + waitMs).toISOString().slice(11, 16);
      throw new ConnectorRefusedError(policy.rateLimited(Math.ceil(waitMs / 1000), at));
    }
    throw request.refused(res, message);
  }
}

/** One fetch bounded by `timeoutMs` (default 15 s); a network failure or timeout is ConnectorUnreachableError. */
export async function fetchOnce(service: string, url: string | URL, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ConnectorUnreachableError(service, new URL(url).host, err);
  }
}

/** A 429 asks to wait as long as its `Retry-After` says (a minute when it does not); nothing else is a rate limit. */
export function defaultRateLimitWait(res: Response, now: number): number | null {
  return res.status === 429 ? (retryAfterMs(res.headers.get('retry-after'), now) ?? 60_000) : null;
}

/** `Retry-After` in ms: delay seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d{1,6}$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only a date with a weekday or month name: Date.parse would read "12" or "1e3" as a year.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function isSuccess(res: Response): boolean {
  return res.status >= 200 && res.status < 300;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
