/**
 * A JSON API called with an OAuth bearer token (Google's Calendar and Gmail,
 * Microsoft Graph), at a configurable base URL. Every request asks `token`
 * for the access token just before (never kept here) and ends in a value or
 * in an error a person can act on, through fetchConnector (bounded wait,
 * offline → ConnectorUnreachableError, 401 → `onUnauthorized` records the
 * reconnect state, one short wait on a 429, or on a 503 with `Retry-After`);
 * other refusals carry the service's own message.
 * Next-page addresses are followed only on the base URL's origin (the token
 * goes only where it was given for).
 */
import { AppError, NotFoundError } from '../../common/AppError';
import { ConnectorRefusedError } from '../connectorErrors';
import { defaultRateLimitWait, fetchConnector, retryAfterMs, type ConnectorPolicy } from '../fetchConnector';

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
  private readonly policy: ConnectorPolicy;

  constructor(private readonly options: BearerJsonApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.policy = policyOf(options);
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
    const res = await fetchConnector(this.policy, {
      method,
      url,
      headers: async () => ({
        accept: 'application/json',
        authorization: `Bearer ${await this.options.token()}`,
        'user-agent': 'Qwanyx',
        ...this.options.headers,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      }),
      body: body !== undefined ? JSON.stringify(body) : undefined,
      refused: (res, message) => refusal(this.options.service, res.status, message),
    });
    const text = await res.text();
    return (text === '' ? null : JSON.parse(text)) as T;
  }
}

/** The request loop's settings for `options`' service: Google's and Graph's wording; a 503 with `Retry-After` is a rate limit too. */
function policyOf(options: BearerJsonApiOptions): ConnectorPolicy {
  const { service } = options;
  return {
    service,
    timeoutMs: options.timeoutMs,
    maxRetryWaitMs: options.maxRetryWaitMs,
    sleep: options.sleep,
    errorMessage,
    unauthorizedReason: (message) => `it answered "${message}": the authorization was revoked or has expired`,
    onUnauthorized: options.onUnauthorized,
    rateLimitWait: (res, now) => (res.status === 503 && res.headers.has('retry-after') ? (retryAfterMs(res.headers.get('retry-after'), now) ?? 60_000) : defaultRateLimitWait(res, now)),
    rateLimited: (seconds) => `${service}'s rate limit is reached for this account: nothing was done. Try again in ${seconds} s.`,
  };
}

function refusal(service: string, status: number, message: string): Error {
  if (status === 404) return new NotFoundError(`${service} has nothing at that address for this account (${message})`);
  if (status === 403) return new ConnectorRefusedError(`${service} refused (${message}): the connection may lack the permission (scope) this needs.`);
  if (status === 400) return new ConnectorRefusedError(`${service} refused the request as invalid: ${message}`);
  return new AppError('PROVIDER_REFUSED', `${service} answered ${status}: ${message}`);
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
