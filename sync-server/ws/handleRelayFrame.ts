/**
 * Reads one client frame and dispatches it (format and reader in
 * src-main/common/syncFrames.ts). Every length is checked against the frame
 * and every update is decoded in full before the doc sees it; a frame that
 * does not decode, has an unknown type or goes over a limit closes only its
 * own connection (4400 / 4413 / 4429) and changes nothing; so does an update
 * its doc's write policy refuses (4422) or that goes over a workspace cap
 * (4431 docs, 4432 bytes): the refusal is the writer's alone. A guest whose
 * end date has passed is closed (4403) on their next frame. An update
 * whose check must first look up a member id (policy/MemberIds.ts) waits,
 * with the connection's later frames, until the lookup settles, and is then
 * handled again, in order (HeldFrames.ts).
 */
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { MalformedFrameError, readClientFrame, writeAwarenessFrame } from '../../src-main/common/syncFrames';
import type { Logger } from '../../src-main/common/Logger';
import type { PolicyRefusalReason, RelayMetrics, RejectReason } from '../metrics/RelayMetrics';
import type { DecodedUpdate, PolicyRefusal } from '../policy/checkUpdatePolicy';
import { MemberIdPending } from '../policy/MemberIds';
import type { QuotaRefusal } from '../policy/WorkspaceQuotas';
import { AwarenessFormatError, type AwarenessRelay } from './AwarenessRelay';
import type { RelayConnection } from './RelayConnection';

/** Where a connection's frames wait for a member id lookup (HeldFrames.ts). */
export interface FrameHold {
  /** Holds `frame` and every later frame of `conn` until `settled`, then handles them again in order. */
  hold(doc: FrameContext, conn: RelayConnection, frame: Uint8Array, settled: Promise<void>): void;
  /** Puts `frame` behind the held frames of `conn`; false when `conn` is not held. */
  add(conn: RelayConnection, frame: Uint8Array): boolean;
}

/** Whether a connection is a guest whose end date has passed, and how it is closed then (policy/WorkspaceAccess.ts). */
export interface GuestCheck {
  guestEnded(conn: RelayConnection): boolean;
  refuseRead(conn: RelayConnection): void;
}

/** What the frame handler needs from the doc. */
export interface FrameContext {
  readonly awareness: AwarenessRelay;
  readonly loaded: boolean;
  readonly deps: { metrics: RelayMetrics; logger: Logger; maxAwarenessBytes: number; access: GuestCheck & { readonly held: FrameHold } };
  answerStep1(conn: RelayConnection, stateVector: Uint8Array): void;
  checkPolicy(conn: RelayConnection, update: DecodedUpdate): PolicyRefusal | null;
  applyUpdate(conn: RelayConnection, update: Uint8Array): 'ok' | 'too_large' | 'failed' | QuotaRefusal;
  forwardAwareness(conn: RelayConnection, update: Uint8Array): void;
}

/** A frame broke the protocol; `close` is the close code to use. */
class FrameError extends Error {
  constructor(
    readonly close: number,
    readonly reason: RejectReason | PolicyRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** Handles one frame of `conn` against `doc`. */
export function handleRelayFrame(doc: FrameContext, conn: RelayConnection, frame: Uint8Array): void {
  // A guest past their end date is closed before the expiry timer gets to it, not served one more frame.
  if (conn.role === 'guest' && doc.deps.access.guestEnded(conn)) return doc.deps.access.refuseRead(conn);
  // Behind a frame waiting for a member id lookup: handled after it, in order.
  if (doc.deps.access.held.add(conn, frame)) return;
  try {
    dispatch(doc, conn, frame);
  } catch (err) {
    const refused =
      err instanceof FrameError
        ? err
        : new FrameError(RelayCloseCode.Malformed, 'malformed', err instanceof AwarenessFormatError || err instanceof MalformedFrameError ? err.message : 'a frame that does not decode');
    // Decoders throw on hostile input all day: worth a debug line, not more.
    doc.deps.logger('debug', 'ws.frame_refused', { close: refused.close, reason: refused.message, err });
    if (isRejectReason(refused.reason)) doc.deps.metrics.rejectFrame(refused.reason);
    else doc.deps.metrics.policyRefusal(refused.reason);
    conn.close(refused.close, refused.message.slice(0, 120));
  }
}

function dispatch(doc: FrameContext, conn: RelayConnection, data: Uint8Array): void {
  // Throws on an unknown message, a truncated frame or a state vector that does not decode.
  const frame = readClientFrame(data);
  switch (frame.kind) {
    case 'step1':
      return doc.answerStep1(conn, frame.stateVector);
    case 'step2':
    case 'update':
      return update(doc, conn, frame.update, data);
    case 'awareness':
      return awareness(doc, conn, frame.update);
    case 'queryAwareness': {
      const states = doc.awareness.encodeAll();
      if (states) conn.send(writeAwarenessFrame(states));
      return;
    }
  }
}

function update(doc: FrameContext, conn: RelayConnection, payload: Uint8Array, data: Uint8Array): void {
  if (conn.readOnly) {
    // Guests are read-only: their updates are neither stored nor broadcast (nor acknowledged).
    doc.deps.metrics.readOnlyDropped += 1;
    return;
  }
  // Decode every struct and the delete set before the doc sees it: Yjs could otherwise integrate part of a truncated update.
  const decoded = Y.decodeUpdate(payload);
  let refused: PolicyRefusal | null;
  try {
    refused = doc.checkPolicy(conn, decoded);
  } catch (err) {
    if (!(err instanceof MemberIdPending)) throw err;
    doc.deps.access.held.hold(doc, conn, data, err.settled);
    return;
  }
  if (refused) throw new FrameError(RelayCloseCode.PolicyRefused, refused.reason, `refused by the doc's write policy: ${refused.message}`);
  const result = doc.applyUpdate(conn, payload);
  if (result === 'ok') return;
  if (result === 'too_large') throw new FrameError(RelayCloseCode.TooLarge, 'too_large', 'the document would exceed its size limit');
  if (result === 'failed') throw new FrameError(RelayCloseCode.Malformed, 'malformed', 'an update Yjs could not apply');
  throw new FrameError(result.reason === 'too_many_docs' ? RelayCloseCode.TooManyDocs : RelayCloseCode.QuotaExceeded, result.reason, result.message);
}

const REJECT_REASONS: ReadonlySet<string> = new Set<RejectReason>(['malformed', 'too_large', 'rate_limited', 'text_frame']);

function isRejectReason(reason: RejectReason | PolicyRefusalReason): reason is RejectReason {
  return REJECT_REASONS.has(reason);
}

function awareness(doc: FrameContext, conn: RelayConnection, update: Uint8Array): void {
  if (update.length > doc.deps.maxAwarenessBytes) throw new FrameError(RelayCloseCode.TooLarge, 'too_large', 'awareness update over the size limit');
  const now = Date.now();
  if (!conn.takeAwarenessToken(now, false)) throw new FrameError(RelayCloseCode.RateLimited, 'rate_limited', 'too many awareness messages');
  const changed = doc.awareness.apply(conn, update);
  // Only updates that change a state count against the rate and go to the others: stock clients
  // echo every awareness update they receive, and those echoes carry nothing new.
  if (!changed) return;
  if (!conn.takeAwarenessToken(now, true)) throw new FrameError(RelayCloseCode.RateLimited, 'rate_limited', 'too many awareness updates');
  doc.forwardAwareness(conn, changed);
}
