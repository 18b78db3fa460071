/**
 * The errors a connector call ends with, worded so a digital human can repeat
 * them to the person as they are: what happened and what to do. They reuse
 * the app's stable error codes (NOT_SIGNED_IN: connect again;
 * PROVIDER_UNREACHABLE: offline or down; PROVIDER_REFUSED: the service said no).
 */
import { AppError } from '../common/AppError';

/** The service no longer accepts the saved credentials: someone must connect the connector again. */
export class ConnectorReconnectError extends AppError {
  constructor(service: string, why: string) {
    super('NOT_SIGNED_IN', `${service} needs to be connected again (${why}). Ask an admin of this workspace to reconnect it in Settings → Connectors or with \`qwanyx connector rotate\`.`);
    this.name = 'ConnectorReconnectError';
  }
}

/** The service could not be reached: this computer is offline, or the service is down. */
export class ConnectorUnreachableError extends AppError {
  constructor(service: string, host: string, cause: unknown) {
    const detail = cause instanceof Error && cause.name === 'TimeoutError' ? 'no answer in time' : describeCause(cause);
    super('PROVIDER_UNREACHABLE', `${service} (${host}) cannot be reached: ${detail}. This device may be offline; nothing was done. Try again once it is back online.`, { cause });
    this.name = 'ConnectorUnreachableError';
  }
}

/** The service refused the request (rate limit, missing permission, bad input). */
export class ConnectorRefusedError extends AppError {
  /** The OAuth `error` code the server gave (`invalid_grant`…), when it gave one. */
  grantError: string | null = null;

  constructor(message: string) {
    super('PROVIDER_REFUSED', message);
    this.name = 'ConnectorRefusedError';
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as { cause?: unknown }).cause;
  const code = inner && typeof inner === 'object' && 'code' in inner ? String((inner as { code: unknown }).code) : null;
  return code ?? cause.message;
}
