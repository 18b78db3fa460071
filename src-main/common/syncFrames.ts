/**
 * The one codec of the frames on a doc's relay socket, shared by the sync
 * client (src-main/sync) and the relay (sync-server/ws) so the two cannot
 * drift apart: the stock y-websocket protocol plus the relay's ack (the URL,
 * sub-protocols and close codes are in relayWire.ts). lib0 encoding, a
 * varUint message type, then its payload:
 *
 *   sync step 1   varUint 0, varUint 0, varUint8Array(state vector)   both ways: what the sender has
 *   sync step 2   varUint 0, varUint 1, varUint8Array(update)         both ways: the diff against that state vector
 *   sync update   varUint 0, varUint 2, varUint8Array(update)         both ways: one change
 *   awareness     varUint 1, varUint8Array(awareness update)          both ways: presence and typing (y-protocols/awareness)
 *   query aw.     varUint 3                                           client → relay: send every awareness state
 *   ack           varUint 100, varUint(n)                             relay → client, qwanyx.v1 only: n of this socket's
 *                                                                     step 2 / update messages are durable (cumulative;
 *                                                                     sent after the group commit holding them, while
 *                                                                     the update itself went to the peers at once)
 *   keepalive     varUint 1, varUint8Array([0])                       relay → client: an awareness update with no entries
 *
 * Each side reads only what the other may send: `readClientFrame` (the
 * relay) refuses the ack and unknown types, `readRelayFrame` (the client)
 * passes unknown types on as `other`. Readers trust no peer: lib0 throws on
 * a truncated frame or a length past its end, a state vector is decoded
 * before it is returned, and an unknown message throws
 * `MalformedFrameError`. Updates come back undecoded, because decoding one
 * costs as much as applying it: whoever stores or applies a peer's update
 * decodes it first (the relay, after dropping a read-only connection's
 * updates unread).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AppError } from './AppError';
import { MESSAGE_ACK, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './relayWire';

/** Sync step 1: the sender's state vector (it decodes). */
export interface Step1Frame {
  readonly kind: 'step1';
  readonly stateVector: Uint8Array;
}

/** Sync step 2 (the diff asked for) or a sync update (one change): a Yjs update, not yet decoded. */
export interface SyncUpdateFrame {
  readonly kind: 'step2' | 'update';
  readonly update: Uint8Array;
}

/** An awareness update (y-protocols/awareness), not yet decoded. */
export interface AwarenessFrame {
  readonly kind: 'awareness';
  readonly update: Uint8Array;
}

/** A client asks for every awareness state. */
export interface QueryAwarenessFrame {
  readonly kind: 'queryAwareness';
}

/** The relay: `durable` of this socket's step 2 / update messages are durable (cumulative). */
export interface AckFrame {
  readonly kind: 'ack';
  readonly durable: number;
}

/** A message type the client does not use (query awareness, newer additions): it only keeps the socket alive. */
export interface OtherFrame {
  readonly kind: 'other';
  readonly type: number;
}

/** A frame a client sent to the relay, decoded. */
export type ClientFrame = Step1Frame | SyncUpdateFrame | AwarenessFrame | QueryAwarenessFrame;

/** A frame from the relay, decoded. */
export type RelayFrame = Step1Frame | SyncUpdateFrame | AwarenessFrame | AckFrame | OtherFrame;

/** A frame named a message its reader does not know; the reader closes or drops the socket. */
export class MalformedFrameError extends AppError {
  constructor(message: string) {
    super('RELAY_PROTOCOL', message);
  }
}

/** Sync step 1 announcing `stateVector`. */
export function writeStep1Frame(stateVector: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep1, stateVector);
}

/** Sync step 2 carrying `update` (the diff the other side asked for). */
export function writeStep2Frame(update: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep2, update);
}

/** A sync update message carrying one change. */
export function writeUpdateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsUpdate, update);
}

/** An awareness message carrying an encoded awareness update. */
export function writeAwarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An ack: `durable` step 2 / update messages of this socket are durable (cumulative since it opened). */
export function writeAckFrame(durable: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACK);
  encoding.writeVarUint(encoder, durable);
  return encoding.toUint8Array(encoder);
}

/**
 * The relay's keepalive: an awareness update with no entries. Stock clients
 * apply it as a no-op and count it as traffic, so they do not drop a quiet
 * relay (they give up on a socket silent for 30 s).
 */
export const KEEPALIVE_FRAME: Uint8Array = writeAwarenessFrame(new Uint8Array([0]));

/**
 * Decodes a frame a client sent (the relay's reader). Throws
 * `MalformedFrameError` on an unknown message or sync type (the ack included:
 * only the relay sends it), and lib0 / Yjs errors on a truncated frame or a
 * state vector that does not decode.
 */
export function readClientFrame(data: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC:
      return readSyncMessage(decoder);
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'queryAwareness' };
    default:
      throw new MalformedFrameError(`unknown message type ${type}`);
  }
}

/**
 * Decodes a frame from the relay (the client's reader). Message types the
 * client does not use come back as `other`; throws `MalformedFrameError` on
 * an unknown sync type, and lib0 / Yjs errors on a truncated frame or a
 * state vector that does not decode.
 */
export function readRelayFrame(data: Uint8Array): RelayFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC:
      return readSyncMessage(decoder);
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_ACK:
      return { kind: 'ack', durable: decoding.readVarUint(decoder) };
    default:
      return { kind: 'other', type };
  }
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** The rest of a sync message: its type, then its payload (read before the type is judged). */
function readSyncMessage(decoder: decoding.Decoder): Step1Frame | SyncUpdateFrame {
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1:
      // Throws on bytes that are not a state vector, before anyone diffs against them.
      Y.decodeStateVector(payload);
      return { kind: 'step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
      return { kind: 'step2', update: payload };
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', update: payload };
    default:
      throw new MalformedFrameError(`unknown sync message ${syncType}`);
  }
}
