/**
 * A JSON API called with an OAuth bearer token (Google's Calendar and Gmail,
 * Microsoft Graph), at a configurable base URL. Every request asks `token`
 * for the access token just before (never kept here) and ends in a value or
 * in an error a person can act on:
 * - offline or unreachable: ConnectorUnreachableError at once (no retry loop);
 * - 401: `onUnauthorized` records the reconnect state, ConnectorReconnectError says so;
 * - 429 (or 503) with `Retry-After`: waited out once when short (`maxRetryWaitMs`),
 *   else a clear "try again in";
 * - other refusals: the service's own message.
 * Next-page addresses are followed only on the base URL's origin (the token
 * goes only where it was given for).
 */
import { AppError, NotFoundError } from '../../common/AppError';
import { ConnectorReconnectError, ConnectorRefusedError, ConnectorUnreachableError } from '../connectorErrors';

export interface BearerJsonApiOptions {
  /** The service's name in messages (`Google`, `Microsoft 365`). */
  service: string;
  baseUrl: string;
  token: () => Promise<string>;
  onUnauthorized: (reason: string) => Promise<void>;
  /** Longest rate-limit wait done before retrying once (default 10 s). */
  maxRetryWaitMs?: number;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  headers?: Record<string, string>;
  sleep?: (ms: number) => Promise<void>;
}

export class BearerJsonApi {
  readonly baseUrl: string;

  constructor(private readonly options: BearerJsonApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** The absolute URL of `path` with `query` (undefined values left out). */
  url(path: string, query: Record<string, string | number | boolean | undefined> = {}): string {
    const u = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.href;
  }

  async get<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
    return this.request<T>('GET', this.url(path, query));
  }

  /** A JSON POST; resolves to the body (null for an empty answer such as 202). */
  async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', this.url(path), body);
  }

  /** A GET of an absolute next-page address, refused unless it is on the base URL's origin. */
  async getNext<T>(absolute: string): Promise<T> {
    const url = new URL(absolute, this.baseUrl);
    if (url.origin !== new URL(this.baseUrl).origin) throw new ConnectorRefusedError(`${this.options.service} gave a next page on another address (${url.host}); it was not followed`);
    return this.request<T>('GET', url.href);
  }

  private async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const service = this.options.service;
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.options.token();
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${token}`,
            'user-agent': 'Qwanyx',
            ...this.options.headers,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        throw new ConnectorUnreachableError(service, new URL(url).host, err);
      }
      if (res.ok) {
        const text = await res.text();
        return (text === '' ? null : JSON.parse(text)) as T;
      }
      const message = await errorMessage(res);
      if (res.status === 401) {
        const reason = `it answered "${message}": the authorization was revoked or has expired`;
        await this.options.onUnauthorized(reason);
        throw new ConnectorReconnectError(service, reason);
      }
      if (res.status === 429 || (res.status === 503 && res.headers.has('retry-after'))) {
        const raw = res.headers.get('retry-after');
        const waitMs = raw !== null && /^\d{1,6}$/.test(raw) ? Number(raw) * 1000 : 60_000;
        if (attempt === 0 && waitMs <= (this.options.maxRetryWaitMs ?? 10_000)) {
          await (this.options.sleep ?? sleep)(waitMs);
          continue;
        }
        throw new ConnectorRefusedError(`${service}'s rate limit is reached for this account: nothing was done. Try again in ${Math.ceil(waitMs / 1000)} s.`);
      }
      if (res.status === 404) throw new NotFoundError(`${service} has nothing at that address for this account (${message})`);
      if (res.status === 403) throw new ConnectorRefusedError(`${service} refused (${message}): the connection may lack the permission (scope) this needs.`);
      if (res.status === 400) throw new ConnectorRefusedError(`${service} refused the request as invalid: ${message}`);
      throw new AppError('PROVIDER_REFUSED', `${service} answered ${res.status}: ${message}`);
    }
  }
}

/** The message of an error body as Google (`{error:{message}}`) and Graph (`{error:{code,message}}`) give it. */
async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; error_description?: unknown };
    if (body.error && typeof body.error === 'object' && typeof body.error.message === 'string') return body.error.message.slice(0, 300);
    if (typeof body.error === 'string') return body.error.slice(0, 300);
  } catch {
    // Not JSON: the status line says enough.
  }
  return res.statusText || `HTTP ${res.status}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
