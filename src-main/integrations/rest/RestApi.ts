/**
 * One REST service as a connection calls it: the base URL, the way it
 * authenticates (an API key header, basic, EspoCRM's HMAC, or an OAuth
 * access token sent as `Authorization: Bearer …`, kept fresh by OAuthClient) and the
 * credentials, asked of `credentials` just before each request and dropped
 * after it. Every request ends in a bounded value or in an error a person
 * can act on, through fetchConnector as the other connectors' (bounded
 * wait, offline → ConnectorUnreachableError, 401 → `onUnauthorized` records
 * the reconnect state, one short wait on a 429's `Retry-After`). What is
 * this client's: its authentication headers; redirects are refused
 * (credentials go to the base URL's origin only); other refusals carry the
 * service's own message (JSON `message`, or EspoCRM's `X-Status-Reason`).
 *
 * EspoCRM's HMAC (its API client): `X-Hmac-Authorization: base64(apiKey + ':' + HMAC-SHA256(secretKey, METHOD + ' /' + path))`,
 * the HMAC as raw bytes, `path` relative to `…/api/v1/` without the query.
 */
import { createHmac } from 'node:crypto';
import { AppError, NotFoundError } from '../../common/AppError';
import { ConnectorRefusedError } from '../connectorErrors';
import { fetchConnector, type ConnectorPolicy } from '../fetchConnector';

export type RestCredentials =
  | { kind: 'header'; value: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'hmac'; apiKey: string; secretKey: string }
  /** An OAuth access token, valid at the time it is asked for (OAuthClient refreshes it before it expires). */
  | { kind: 'oauth'; accessToken: string };

/** The non-secret part of the authentication: for `header`, which header and what goes before the key. */
export interface RestAuthShape {
  kind: RestCredentials['kind'];
  header: string | null;
  prefix: string;
}

export interface RestApiOptions {
  /** The service's name in messages ("EspoCRM"). */
  service: string;
  baseUrl: string;
  auth: RestAuthShape;
  /** Fixed headers of the description (an API version). */
  headers?: Record<string, string>;
  credentials: () => Promise<RestCredentials>;
  onUnauthorized: (reason: string) => Promise<void>;
  maxRetryWaitMs?: number;
  timeoutMs?: number;
  /** Largest response body read (default 2 MB). */
  maxBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface RestRequest {
  method: string;
  /** Relative to the base URL, already encoded, no leading slash. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** The header EspoCRM's HMAC authentication expects for `method` on `path` (relative to the API root). */
export function espoHmacHeader(apiKey: string, secretKey: string, method: string, path: string): string {
  const mac = createHmac('sha256', secretKey).update(`${method.toUpperCase()} /${path}`).digest();
  return Buffer.concat([Buffer.from(`${apiKey}:`, 'utf8'), mac]).toString('base64');
}

export class RestApi {
  readonly baseUrl: string;
  private readonly policy: ConnectorPolicy;

  constructor(private readonly options: RestApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const { service } = options;
    this.policy = {
      service,
      timeoutMs: options.timeoutMs,
      maxRetryWaitMs: options.maxRetryWaitMs,
      sleep: options.sleep,
      now: options.now,
      // 2xx is the answer; a 3xx comes back too, to be refused by `request` before anything is read.
      accept: (res) => res.status >= 200 && res.status < 400,
      errorMessage,
      unauthorizedReason: (message) => `it answered "${message}": the credentials were revoked or have expired`,
      onUnauthorized: options.onUnauthorized,
      rateLimited: (seconds, at) => `${service}'s rate limit is reached for these credentials: nothing was done. Try again in ${seconds} s (after ${at} UTC).`,
    };
  }

  async request(req: RestRequest): Promise<unknown> {
    const { service } = this.options;
    const [pathOnly, inlineQuery] = splitQuery(req.path);
    const url = new URL(`${this.baseUrl}/${pathOnly}`);
    if (url.origin !== new URL(this.baseUrl).origin) throw new AppError('VALIDATION', 'The operation path leaves the service address');
    if (inlineQuery) for (const [k, v] of new URLSearchParams(inlineQuery)) url.searchParams.set(k, v);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const res = await fetchConnector(this.policy, {
      method: req.method,
      url,
      // Credentials go to the base URL's origin only: a redirect is refused, never followed.
      redirect: 'manual',
      headers: async () => ({
        ...(this.options.headers ?? {}),
        accept: 'application/json',
        'user-agent': 'Qwanyx',
        ...(await this.authHeaders(req.method, pathOnly)),
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      }),
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      refused: (res, message) => {
        if (res.status === 404) return new NotFoundError(`${service} has nothing at ${pathOnly} (${message})`);
        if (res.status === 403) return new ConnectorRefusedError(`${service} refused (${message}): the credentials may lack the permission this needs.`);
        if (res.status === 400 || res.status === 422) return new ConnectorRefusedError(`${service} refused the request as invalid: ${message}`);
        return new AppError('PROVIDER_REFUSED', `${service} answered ${res.status}: ${message}`);
      },
    });
    if (res.status >= 300) throw new ConnectorRefusedError(`${service} redirected the request elsewhere (${res.status}); the credentials are only sent to ${new URL(this.baseUrl).origin}: check the base URL`);
    return this.readBody(res);
  }

  private async authHeaders(method: string, path: string): Promise<Record<string, string>> {
    const c = await this.options.credentials();
    const { auth } = this.options;
    if (c.kind !== auth.kind) throw new AppError('INTERNAL', 'The saved credentials do not match the connection');
    if (c.kind === 'header') return { [auth.header ?? 'X-Api-Key']: `${auth.prefix}${c.value}` };
    if (c.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}` };
    if (c.kind === 'oauth') return { authorization: `Bearer ${c.accessToken}` };
    return { 'x-hmac-authorization': espoHmacHeader(c.apiKey, c.secretKey, method, path) };
  }

  private async readBody(res: Response): Promise<unknown> {
    const max = this.options.maxBytes ?? 2 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body ?? []) {
      total += (chunk as Uint8Array).byteLength;
      if (total > max) {
        await res.body?.cancel().catch(() => undefined);
        throw new ConnectorRefusedError(`${this.options.service} answered more than the ${max} bytes read at most: ask for fewer items`);
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}

function splitQuery(path: string): [string, string | null] {
  const i = path.indexOf('?');
  return i < 0 ? [path, null] : [path.slice(0, i), path.slice(i + 1)];
}


async function errorMessage(res: Response): Promise<string> {
  const reason = res.headers.get('x-status-reason');
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message.slice(0, 300);
  } catch {
    // Not JSON.
  }
  if (reason) return reason.slice(0, 300);
  return res.statusText || `HTTP ${res.status}`;
}
