/**
 * Errors of the relay. Services throw `RelayError` subclasses carrying a
 * stable `code` and the HTTP status it maps to; only the HTTP and WebSocket
 * boundaries turn them into `{ error: { code, message } }` or a close code.
 */

/** Stable error codes of the relay's HTTP API: part of the contract in docs/relay-api.md. */
export type RelayErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'WORKSPACE_ERASED'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'CODE_LOCKED'
  | 'UNAVAILABLE'
  | 'CONFIG'
  | 'STORAGE'
  | 'INTERNAL';

/** The JSON body of an error answer. */
export interface RelayWireError {
  code: RelayErrorCode;
  message: string;
  /** `WORKSPACE_ERASED` only: when an owner erased the workspace from the relay (ms since the epoch). */
  erasedAt?: number;
}

const STATUS: Record<RelayErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  WORKSPACE_ERASED: 410,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CODE_LOCKED: 429,
  UNAVAILABLE: 503,
  CONFIG: 500,
  STORAGE: 500,
  INTERNAL: 500,
};

/** Base class of every error the relay means to report to its caller. */
export class RelayError extends Error {
  readonly code: RelayErrorCode;

  constructor(code: RelayErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** The HTTP status this error is answered with. */
  get status(): number {
    return STATUS[this.code];
  }

  toWire(): RelayWireError {
    return { code: this.code, message: this.message };
  }
}

/** A request body, parameter or flag did not match its schema. */
export class RelayValidationError extends RelayError {
  constructor(message: string) {
    super('VALIDATION', message);
  }
}

/** Missing, unknown or expired credentials. */
export class UnauthorizedError extends RelayError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends RelayError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class RelayNotFoundError extends RelayError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The request conflicts with the current state. */
export class RelayConflictError extends RelayError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** The thing existed but can no longer be used (an expired, used or revoked invitation). */
export class GoneError extends RelayError {
  constructor(message: string) {
    super('GONE', message);
  }
}

/**
 * An owner erased this workspace from the relay (its tombstone: WorkspaceStore.erasedAt): nothing of
 * it is left here and it cannot be registered again; a device keeps its own copy.
 */
export class WorkspaceErasedError extends RelayError {
  constructor(
    workspaceId: string,
    readonly erasedAt: number,
  ) {
    super('WORKSPACE_ERASED', `An owner erased the workspace ${workspaceId} from this relay on ${new Date(erasedAt).toISOString()}; devices keep their own copy.`);
  }

  override toWire(): RelayWireError {
    return { ...super.toWire(), erasedAt: this.erasedAt };
  }
}

/** Too many requests; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends RelayError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

/** A configuration value is invalid; the message is one line naming the setting. */
export class ConfigError extends RelayError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}

/**
 * Converts anything thrown into a wire error. Unknown errors keep a generic
 * message so internals (paths, SQL) do not leak; callers log them.
 */
export function toRelayWireError(err: unknown): RelayWireError {
  if (err instanceof RelayError) return err.toWire();
  return { code: 'INTERNAL', message: 'Internal relay error; the details are in the relay log.' };
}
