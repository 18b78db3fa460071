/**
 * Turns whatever the `openai` package or the network threw into one of two
 * errors a caller can act on:
 *
 * - `ProviderUnreachableError` (code PROVIDER_UNREACHABLE): no answer, a
 *   broken connection, a timeout, a 5xx, or a 429 asking to wait. The job
 *   can wait in the outbox and retry.
 * - `ProviderRefusedError` (code PROVIDER_REFUSED): the server answered and
 *   said no (bad key, unknown model, bad request). Retrying will not help;
 *   the user must change a setting.
 *
 * Messages are written for the user and name the server by its host only.
 * They never contain the API key: the server's own text is cut short and
 * any copy of the key in it is masked.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { AppError, ProviderRefusedError, ProviderUnreachableError } from '../common/AppError';
import { ProviderRateLimitedError } from './ProviderRateLimitedError';

export interface ProviderErrorContext {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /** Milliseconds the request waited for an answer before giving up. */
  timeoutMs: number;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the server running?)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name could not be resolved (offline?)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection broke',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

/** A wait as people read it: `300 ms`, `20 s`. */
export function formatWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}

/** The host (and port) of `baseUrl`, for messages. */
export function providerHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the model server';
  }
}

/** Masks the key (and anything starting like it) and cuts a server's text to one short line. */
export function scrubServerText(text: string, apiKey: string | null): string {
  let out = text.replace(/\s+/g, ' ').trim();
  if (apiKey && apiKey.length > 0) {
    out = out.split(apiKey).join('***');
    const head = apiKey.slice(0, Math.min(8, apiKey.length));
    if (head.length >= 4) out = out.replace(new RegExp(`${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*`, 'g'), '***');
  }
  return out.length > 200 ? `${out.slice(0, 199)}…` : out;
}

/** The first `code` found along an error's `cause` chain. */
function networkCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current instanceof Object; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_REASONS) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Milliseconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date), else null. */
function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

function serverText(err: APIError, apiKey: string | null): string {
  const body = err.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : '';
  const scrubbed = scrubServerText(text, apiKey);
  return scrubbed ? `: ${scrubbed}` : '';
}

/** Classifies `err` (anything thrown while talking to the model server). AppErrors pass through. */
export function classifyProviderError(err: unknown, ctx: ProviderErrorContext): AppError {
  if (err instanceof AppError) return err;
  const host = providerHost(ctx.baseUrl);
  if (err instanceof APIConnectionTimeoutError) {
    return new ProviderUnreachableError(`The model server at ${host} did not answer within ${formatWait(ctx.timeoutMs)}.`);
  }
  if (err instanceof APIConnectionError) {
    const code = networkCode(err);
    const reason = code ? NETWORK_REASONS[code] : 'the connection failed';
    return new ProviderUnreachableError(`Cannot reach the model server at ${host}: ${reason}.`);
  }
  if (err instanceof APIError) {
    const status = err.status;
    const detail = serverText(err, ctx.apiKey);
    if (status === undefined) return new ProviderUnreachableError(`The model server at ${host} reported an error while answering${detail}`);
    if (status === 401) return new ProviderRefusedError(401, `The model server at ${host} refused the API key (401). Check the key in Settings → Model provider.`);
    if (status === 403) return new ProviderRefusedError(403, `The model server at ${host} does not allow this (403)${detail}`);
    if (status === 404) return new ProviderRefusedError(404, `The model server at ${host} has no model "${ctx.model}" or no such API (404)${detail}`);
    if (status === 408) return new ProviderUnreachableError(`The model server at ${host} timed out (408).`);
    if (status === 429) {
      if (err.code === 'insufficient_quota') return new ProviderRefusedError(429, `The account at ${host} has no credit left (429)${detail}`);
      const wait = retryAfterMs(err.headers);
      const when = wait === null ? 'later' : `in ${Math.max(1, Math.ceil(wait / 1000))} s`;
      return new ProviderRateLimitedError(`The model server at ${host} is rate limiting: retry ${when} (429).`, wait);
    }
    if (status >= 500) return new ProviderUnreachableError(`The model server at ${host} failed (${status})${detail}`);
    return new ProviderRefusedError(status, `The model server at ${host} refused the request (${status})${detail}`);
  }
  const code = networkCode(err);
  if (code) return new ProviderUnreachableError(`Cannot reach the model server at ${host}: ${NETWORK_REASONS[code]}.`);
  if (err instanceof SyntaxError) return new ProviderRefusedError(null, `The server at ${host} does not answer like an OpenAI-compatible API.`);
  return new ProviderUnreachableError(`The connection to the model server at ${host} broke.`);
}
