/**
 * The relay's HTTP API (docs/relay-api.md), as the core calls it.
 *
 * Every answer is parsed with zod before use: a relay is a remote party and
 * its answers are untrusted. Failures become AppErrors a user can act on:
 * `RelayUnreachableError` (network error, timeout, 5xx: try again later),
 * `RelayRefusedError` (4xx, with the relay's own message), and
 * `RelayProtocolError` (an answer that does not follow the API).
 */
import { z } from 'zod';
import { RelayProtocolError, RelayRefusedError, RelayWorkspaceErasedError, RelayUnreachableError } from '../common/AppError';
import type { RelayRoleName } from '../common/contract';

const roleSchema = z.enum(['owner', 'admin', 'member', 'guest']);
/** The relay may send an epoch (ms or s) or an ISO date; the app keeps ISO strings. */
export const instantSchema = z.union([z.number(), z.string().min(1).max(64)]).transform((v) => toIsoInstant(v));

const errorBodySchema = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(2000), erasedAt: z.number().int().nonnegative().optional() }) });
const sentSchema = z.object({ sent: z.literal(true) });
const verifySchema = z.object({
  deviceToken: z.string().min(1).max(4096),
  user: z.object({ id: z.string().min(1).max(200), email: z.string().max(254) }),
});
const registeredSchema = z.object({ id: z.string(), role: roleSchema });
const tokenSchema = z.object({ token: z.string().min(1).max(8192), expiresAt: instantSchema.optional(), role: roleSchema });
const invitationSchema = z.object({
  id: z.string().min(1).max(200),
  token: z.string().min(1).max(4096),
  email: z.string().max(254),
  role: roleSchema,
  expiresAt: instantSchema,
});
const acceptedSchema = z.object({ workspaceId: z.string().min(1).max(64), role: roleSchema });
const devicesSchema = z.object({
  devices: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        name: z.string().max(200),
        createdAt: instantSchema,
        lastSeenAt: instantSchema,
        expiresAt: instantSchema,
        current: z.boolean(),
      }),
    )
    .max(10_000),
});
/** A 204 answer: no body. */
const noContentSchema = z.null();

/** A device signed in to a relay, as the relay lists it. */
export type RelayDeviceInfo = z.output<typeof devicesSchema>['devices'][number];

/** A device's sign-in on a relay. */
export interface RelaySession {
  deviceToken: string;
  userId: string;
  email: string;
}

/** A WebSocket token for one workspace. */
export interface RelayWorkspaceToken {
  token: string;
  role: RelayRoleName;
}

/** An invitation the relay created. */
export interface RelayInvitation {
  id: string;
  token: string;
  email: string;
  role: RelayRoleName;
  expiresAt: string;
}

/** Options of a RelayApi client. */
export interface RelayApiOptions {
  /** Milliseconds before a request counts as unreachable. */
  timeoutMs?: number;
}

/** A client of one relay's HTTP API; stateless, so one per call is fine. */
export class RelayApi {
  private readonly timeoutMs: number;

  /** `relayUrl` is the canonical relay address (common/relayUrl.ts). */
  constructor(
    readonly relayUrl: string,
    options: RelayApiOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Asks the relay to email a one-time code to `email`. */
  async requestCode(email: string): Promise<void> {
    await this.request('POST', '/v1/auth/code', sentSchema, { body: { email } });
  }

  /** Trades a one-time code for a device token. */
  async verify(email: string, code: string, deviceName: string): Promise<RelaySession> {
    const answer = await this.request('POST', '/v1/auth/verify', verifySchema, { body: { email, code, deviceName } });
    return { deviceToken: answer.deviceToken, userId: answer.user.id, email: answer.user.email };
  }

  /** Registers workspace `id` with the caller as owner (idempotent for its owner). */
  async registerWorkspace(deviceToken: string, id: string): Promise<RelayRoleName> {
    const answer = await this.request('POST', '/v1/workspaces', registeredSchema, { body: { id }, deviceToken });
    return answer.role;
  }

  /** A fresh WebSocket token for workspace `id`. */
  async workspaceToken(deviceToken: string, id: string): Promise<RelayWorkspaceToken> {
    const answer = await this.request('POST', `/v1/workspaces/${encodeURIComponent(id)}/token`, tokenSchema, { deviceToken });
    return { token: answer.token, role: answer.role };
  }

  /** Invites `email` into workspace `id` with `role`. */
  async createInvitation(
    deviceToken: string,
    id: string,
    invite: { email: string; role: RelayRoleName; expiresInHours?: number },
  ): Promise<RelayInvitation> {
    return this.request('POST', `/v1/workspaces/${encodeURIComponent(id)}/invitations`, invitationSchema, {
      body: invite,
      deviceToken,
    });
  }

  /** Accepts an invitation; the relay checks it was made for the caller's email. */
  async acceptInvitation(deviceToken: string, token: string): Promise<{ workspaceId: string; role: RelayRoleName }> {
    return this.request('POST', '/v1/invitations/accept', acceptedSchema, { body: { token }, deviceToken });
  }

  /** The caller's devices on this relay (`current` is the calling one). */
  async devices(deviceToken: string): Promise<RelayDeviceInfo[]> {
    return (await this.request('GET', '/v1/devices', devicesSchema, { deviceToken })).devices;
  }

  /** Revokes one of the caller's devices: its token stops working and its sockets close. */
  async revokeDevice(deviceToken: string, deviceId: string): Promise<void> {
    await this.request('DELETE', `/v1/devices/${encodeURIComponent(deviceId)}`, noContentSchema, { deviceToken });
  }

  /** Revokes the calling device (sign-out). */
  async signOut(deviceToken: string): Promise<void> {
    await this.request('POST', '/v1/auth/sign-out', noContentSchema, { deviceToken });
  }

  /** One call of the API, its answer parsed with `schema` (for the feature clients built on this one, e.g. RelayMembersApi). */
  async request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: S,
    options: { body?: unknown; deviceToken?: string },
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.deviceToken !== undefined) headers.Authorization = `Bearer ${options.deviceToken}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.relayUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      throw new RelayUnreachableError(`Cannot reach the relay at ${this.relayUrl}: ${describeFetchError(err)}`, { cause: err });
    }
    const body = parseJson(text);
    if (response.status >= 500) {
      throw new RelayUnreachableError(`The relay at ${this.relayUrl} had a problem (${response.status}); try again later`);
    }
    if (response.status >= 400) {
      const error = errorBodySchema.safeParse(body);
      const message = error.success ? cleanText(error.data.error.message) : `The relay refused the request (${response.status})`;
      if (error.success && error.data.error.code === 'WORKSPACE_ERASED') throw new RelayWorkspaceErasedError(message, error.data.error.erasedAt ?? null);
      throw new RelayRefusedError(response.status, error.success ? error.data.error.code : null, message);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new RelayProtocolError(`The relay at ${this.relayUrl} sent an unexpected answer to ${method} ${path}`);
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0 || text.length > 1_000_000) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the schema check that follows reports it.
    return null;
  }
}

/** Keeps a relay's message on one line, without control characters, at a readable length. */
function cleanText(text: string): string {
  const flat = [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
  return flat.replace(/\s+/g, ' ').trim().slice(0, 300) || 'The relay refused the request';
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'no answer in time';
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === 'string' ? code : cause.message;
    }
    return err.message;
  }
  return String(err);
}

function toIsoInstant(value: number | string): string {
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
  }
  // Seconds or milliseconds since the epoch: 1e11 ms is 1973, 1e11 s is far in the future.
  const ms = value < 1e11 ? value * 1000 : value;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(value);
}
