/**
 * Error model shared by every layer.
 *
 * Services throw `AppError` subclasses carrying a stable `code`; the IPC,
 * HTTP and WebSocket boundaries turn them into `{ ok: false, error }` so the
 * renderer and the CLI can branch on the code and show the message as is.
 */

/** Stable error codes: part of the wire contract, never renamed. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'CONFIRMATION_MISMATCH'
  | 'UNKNOWN_CHANNEL'
  | 'UNKNOWN_MIGRATION'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'STORAGE'
  | 'CLOSED'
  | 'NOT_SIGNED_IN'
  | 'RELAY_UNREACHABLE'
  | 'RELAY_REFUSED'
  | 'RELAY_PROTOCOL'
  | 'NOT_CONFIGURED'
  | 'PROVIDER_UNREACHABLE'
  | 'PROVIDER_REFUSED'
  | 'QUOTA_EXCEEDED'
  | 'WORKSPACE_DAMAGED'
  /** A write the disk refused because it is full: not saved, not sent. */
  | 'STORAGE_FULL'
  /** A write the disk refused because it (or the data folder) is read-only: not saved, not sent. */
  | 'STORAGE_READ_ONLY'
  | 'INTERNAL';

/** Plain, serialisable form of an error as it crosses a process boundary. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

/** Base class of every error the app means to show to a user. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

/** Input did not match the schema or the rules of the domain. */
export class ValidationError extends AppError {
  constructor(message: string) {
    super('VALIDATION', message);
  }
}

/** The thing asked for does not exist (or no longer does). */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The person may not do this (edit someone else's message, say). */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** The request conflicts with the current state. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** A destructive action was not confirmed with the exact text asked for. */
export class ConfirmationMismatchError extends AppError {
  constructor(message: string) {
    super('CONFIRMATION_MISMATCH', message);
  }
}

/** A database holds migrations this build does not know: it was written by a newer build. */
export class UnknownMigrationError extends AppError {
  constructor(message: string) {
    super('UNKNOWN_MIGRATION', message);
  }
}

/** No OS keychain is reachable, so a secret cannot be stored safely. */
export class KeychainUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KEYCHAIN_UNAVAILABLE', message, options);
  }
}

/** A service was used after it was closed. */
export class ClosedError extends AppError {
  constructor(message: string) {
    super('CLOSED', message);
  }
}

/** No account on that relay on this device: sign in to it first. */
export class NotSignedInError extends AppError {
  constructor(message: string) {
    super('NOT_SIGNED_IN', message);
  }
}

/** The relay could not be reached (network down, refused, timed out, or a 5xx answer). */
export class RelayUnreachableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RELAY_UNREACHABLE', message, options);
  }
}

/** The relay answered and refused the request (a 4xx answer); `status` is the HTTP status. */
export class RelayRefusedError extends AppError {
  readonly status: number;
  readonly relayCode: string | null;

  constructor(status: number, relayCode: string | null, message: string) {
    super('RELAY_REFUSED', message);
    this.status = status;
    this.relayCode = relayCode;
  }
}

/** The relay says an owner erased this workspace from it (410 `WORKSPACE_ERASED`): no retry; the device keeps its copy. */
export class RelayWorkspaceErasedError extends RelayRefusedError {
  /** When (ms since the epoch), or null from a relay that does not say. */
  readonly erasedAt: number | null;

  constructor(message: string, erasedAt: number | null) {
    super(410, 'WORKSPACE_ERASED', message);
    this.erasedAt = erasedAt;
  }
}

/** The relay answered something that does not follow its API (wrong shape, not JSON). */
export class RelayProtocolError extends AppError {
  constructor(message: string) {
    super('RELAY_PROTOCOL', message);
  }
}

/** A feature needs a setting that is missing (no model provider for this workspace, say). */
export class NotConfiguredError extends AppError {
  constructor(message: string) {
    super('NOT_CONFIGURED', message);
  }
}

/** The model server could not be reached (down, refused, timed out, or a 5xx answer): the work can wait and retry. */
export class ProviderUnreachableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PROVIDER_UNREACHABLE', message, options);
  }
}

/** The model server answered and refused the request (bad key, unknown model, a 4xx answer): retrying will not help. */
export class ProviderRefusedError extends AppError {
  readonly status: number | null;

  constructor(status: number | null, message: string) {
    super('PROVIDER_REFUSED', message);
    this.status = status;
  }
}

/**
 * A workspace's database file is damaged (unreadable, truncated, emptied or
 * failing its integrity check): it is closed and kept as it is, and the
 * message says what to do (restore a snapshot).
 */
export class WorkspaceDamagedError extends AppError {
  readonly workspaceId: string;

  constructor(workspaceId: string, message: string, options?: { cause?: unknown }) {
    super('WORKSPACE_DAMAGED', message, options);
    this.workspaceId = workspaceId;
  }
}

/** A daily quota is used up. */
/**
 * Converts anything thrown into a wire error. Unknown errors keep a generic
 * message so internals (paths, SQL) do not leak to the UI; callers log them.
 */
export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) return err.toWire();
  return { code: 'INTERNAL', message: 'Something went wrong inside Qwanyx. The details are in the log.' };
}
