/**
 * The model server asked to slow down (HTTP 429). It is a kind of
 * "unreachable": the work can wait and retry, after `retryAfterMs` when the
 * server said how long.
 */
import { ProviderUnreachableError } from '../common/AppError';

export class ProviderRateLimitedError extends ProviderUnreachableError {
  /** Milliseconds the server asked to wait (Retry-After), or null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(message: string, retryAfterMs: number | null) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}
