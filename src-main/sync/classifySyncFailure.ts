/**
 * What a failure to reach or use the relay means for a workspace's sync
 * status: offline (try again later, not the user's problem) or an error the
 * user must act on (sign in again, ask for access), and whether to retry.
 */
import {
  AppError,
  KeychainUnavailableError,
  NotSignedInError,
  RelayProtocolError,
  RelayRefusedError,
  RelayUnreachableError,
  RelayWorkspaceErasedError,
} from '../common/AppError';
import type { SyncReasonCode } from '../common/contract';

/** The verdict on one failure. */
export interface SyncFailure {
  kind: 'offline' | 'error';
  code: SyncReasonCode;
  reason: string;
  retry: boolean;
  /** `removed` only: when an owner erased the workspace from the relay (ms), when the relay says. */
  erasedAt?: number | null;
}

/** Classifies an error thrown while getting a token or opening a socket. */
export function classifySyncFailure(err: unknown): SyncFailure {
  if (err instanceof RelayUnreachableError) return { kind: 'offline', code: 'unreachable', reason: err.message, retry: true };
  if (err instanceof NotSignedInError) return { kind: 'error', code: 'signed-out', reason: err.message, retry: false };
  if (err instanceof KeychainUnavailableError) return { kind: 'error', code: 'keychain', reason: err.message, retry: true };
  if (err instanceof RelayWorkspaceErasedError) {
    return { kind: 'error', code: 'removed', reason: erasedSentence(err.erasedAt), retry: false, erasedAt: err.erasedAt };
  }
  if (err instanceof RelayRefusedError) {
    if (err.status === 401) {
      return { kind: 'error', code: 'signed-out', reason: `The relay no longer accepts this device: sign in again (${err.message})`, retry: false };
    }
    if (err.status === 403 || err.status === 404) {
      return { kind: 'error', code: 'no-access', reason: `No access to this workspace on the relay: ${err.message}`, retry: false };
    }
    // 429 and other refusals that may pass later.
    return { kind: 'offline', code: 'unreachable', reason: err.message, retry: true };
  }
  if (err instanceof RelayProtocolError) return { kind: 'error', code: 'protocol', reason: err.message, retry: true };
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  return { kind: 'error', code: 'protocol', reason: `Sync failed: ${message}`, retry: true };
}

/** The English sentence of the `removed` state (logs, CLI); the UI phrases it from `erasedAt`. */
export function erasedSentence(erasedAt: number | null): string {
  const when = erasedAt === null ? '' : ` on ${new Date(erasedAt).toISOString().slice(0, 10)}`;
  return `An owner erased this workspace from the relay${when}: this device keeps its copy, no longer synced.`;
}
