/**
 * The GitHub REST API as the GitHub connector calls it, at a configurable
 * base URL (`https://api.github.com`, or `https://<host>/api/v3` for GitHub
 * Enterprise Server). Every request carries the workspace's token (asked of
 * `token` just before, never kept here) and ends in a value or in an error a
 * person can act on, through fetchConnector (bounded wait, offline →
 * ConnectorUnreachableError, 401 → `onUnauthorized` records the reconnect
 * state and ConnectorReconnectError says so, one short rate-limit wait).
 * What is GitHub's here: its headers; a 403 with `Retry-After` or no
 * remaining quota is a rate limit too (until `X-RateLimit-Reset`); other
 * refusals carry GitHub's own message, with what it usually means.
 * Lists follow the `Link: <…>; rel="next"` header up to a bound.
 */
import { AppError, NotFoundError } from '../../common/AppError';
import { ConnectorRefusedError } from '../connectorErrors';
import { fetchConnector, fetchOnce, retryAfterMs, type ConnectorPolicy } from '../fetchConnector';

export interface GithubApiOptions {
  apiUrl: string;
  /** The token to send (read from the keychain, or a fresh OAuth access token). */
  token: () => Promise<string>;
  /** Called on a 401 before the error is thrown (records the reconnect state). */
  onUnauthorized: (reason: string) => Promise<void>;
  /** Longest rate-limit wait done before retrying once (default 10 s); longer ones are an error. */
  maxRetryWaitMs?: number;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const SERVICE = 'GitHub';
const MAX_PAGES = 10;

export interface GithubResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class GithubApi {
  readonly apiUrl: string;
  /** The scopes GitHub said the token has (`X-OAuth-Scopes`) on the last answer, when it said. */
  lastScopes: string | null = null;

  constructor(private readonly options: GithubApiOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    return (await this.request<T>('GET', this.url(path, query))).body;
  }

  /** A JSON POST; resolves to the response body (null for 204). */
  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.request<T>('POST', this.url(path, {}), body)).body;
  }

  /**
   * Up to `limit` items of a paginated list, following `rel="next"` links
   * (at most 10 pages). `pick` takes the items out of a page's body (for
   * lists wrapped in an object, such as workflow runs).
   */
  async list<T>(path: string, query: Record<string, string | number | undefined>, limit: number, pick: (body: unknown) => T[] = (b) => b as T[]): Promise<T[]> {
    const items: T[] = [];
    let next: string | null = this.url(path, { ...query, per_page: Math.min(100, limit) });
    for (let pages = 0; next !== null && pages < MAX_PAGES && items.length < limit; pages += 1) {
      const page: GithubResponse<unknown> = await this.request<unknown>('GET', next);
      items.push(...pick(page.body));
      next = nextLink(page.headers.get('link'), this.apiUrl);
    }
    return items.slice(0, limit);
  }

  /**
   * Bytes behind `path`, which GitHub answers with a redirect to a download
   * URL on another host: the token goes to the API only, never to that URL.
   */
  async download(path: string, maxBytes: number): Promise<Buffer> {
    const first = await this.request<null>('GET', this.url(path, {}), undefined, 'manual');
    const location = first.headers.get('location');
    if (first.status < 300 || first.status >= 400 || location === null) throw new ConnectorRefusedError(`${SERVICE} did not offer a download for ${path}`);
    const target = new URL(location, this.apiUrl);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new ConnectorRefusedError(`${SERVICE} redirected the download to an address that is not http(s)`);
    // No credential goes to that URL: one plain fetch, bounded and worded as the API's own calls are.
    const res = await fetchOnce(SERVICE, target, {}, this.options.timeoutMs);
    if (!res.ok) throw new ConnectorRefusedError(`${SERVICE}'s download answered ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > maxBytes) throw new ConnectorRefusedError(`The download is ${declared} bytes, more than the ${maxBytes} read at most`);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body ?? []) {
      total += (chunk as Uint8Array).byteLength;
      if (total > maxBytes) throw new ConnectorRefusedError(`The download is more than the ${maxBytes} bytes read at most`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks, total);
  }

  private url(path: string, query: Record<string, string | number | undefined>): string {
    const u = new URL(`${this.apiUrl}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.href;
  }

  private async request<T>(method: string, url: string, body?: unknown, redirect: RequestRedirect = 'follow'): Promise<GithubResponse<T>> {
    const res = await fetchConnector(this.policy(redirect), {
      method,
      url,
      redirect,
      headers: async () => ({
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${await this.options.token()}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'Qwanyx',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      }),
      body: body !== undefined ? JSON.stringify(body) : undefined,
      refused: (res, message) => {
        if (res.status === 404) return new NotFoundError(`${SERVICE} has nothing at ${new URL(url).pathname.slice(new URL(this.apiUrl).pathname.length)} that this token can see (${message})`);
        if (res.status === 403) return new ConnectorRefusedError(`${SERVICE} refused (${message}): the token may lack the permission or scope this needs.`);
        if (res.status === 422) return new ConnectorRefusedError(`${SERVICE} refused the request as invalid: ${message}`);
        return new AppError('PROVIDER_REFUSED', `${SERVICE} answered ${res.status}: ${message}`);
      },
    });
    const text = res.status === 204 || redirect === 'manual' ? '' : await res.text();
    return { status: res.status, headers: res.headers, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  private policy(redirect: RequestRedirect): ConnectorPolicy {
    const { options } = this;
    return {
      service: SERVICE,
      timeoutMs: options.timeoutMs,
      maxRetryWaitMs: options.maxRetryWaitMs,
      sleep: options.sleep,
      now: options.now,
      accept: (res) => res.ok || (redirect === 'manual' && res.status >= 300 && res.status < 400),
      seen: (res) => {
        if (res.headers.has('x-oauth-scopes')) this.lastScopes = res.headers.get('x-oauth-scopes');
      },
      errorMessage,
      unauthorizedReason: (message) => `it answered "${message}": the token was revoked or has expired`,
      onUnauthorized: options.onUnauthorized,
      rateLimitWait,
      rateLimited: (seconds, at) => `${SERVICE}'s rate limit is reached for this token: nothing was done. Try again in ${seconds} s (after ${at} UTC).`,
    };
  }
}

/**
 * How long a rate-limited answer asks to wait, or null when `res` is not a
 * rate limit: a 429, or a 403 with `Retry-After` (secondary limit) or no
 * remaining quota (primary limit, until `X-RateLimit-Reset`).
 */
function rateLimitWait(res: Response, now: number): number | null {
  if (res.status !== 429 && res.status !== 403) return null;
  const retryAfter = retryAfterMs(res.headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const remaining = res.headers.get('x-ratelimit-remaining');
  const reset = res.headers.get('x-ratelimit-reset');
  if (remaining === '0' && reset !== null && /^\d{1,12}$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  // A 429 without a hint: GitHub asks to wait at least a minute.
  return res.status === 429 ? 60_000 : null;
}

/** The `rel="next"` URL of a Link header, when it is on the API's own origin. */
export function nextLink(link: string | null, apiUrl: string): string | null {
  if (link === null) return null;
  for (const part of link.split(',')) {
    const m = /^\s*<([^>]+)>\s*;\s*rel="?next"?\s*$/.exec(part);
    if (!m) continue;
    const url = new URL(m[1]!, apiUrl);
    // The token goes only to the API it was given for.
    return url.origin === new URL(apiUrl).origin ? url.href : null;
  }
  return null;
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message.slice(0, 300);
  } catch {
    // Not JSON: the status line says enough.
  }
  return res.statusText || `HTTP ${res.status}`;
}
