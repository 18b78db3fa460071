/**
 * The frames the sync client writes and reads: the stock y-websocket
 * protocol plus the relay's ack (see common/relayWire.ts). lib0 encoding:
 *
 *   sync step 1   varUint 0, varUint 0, varUint8Array(state vector)
 *   sync step 2   varUint 0, varUint 1, varUint8Array(update)       the diff against a state vector
 *   sync update   varUint 0, varUint 2, varUint8Array(update)
 *   awareness     varUint 1, varUint8Array(awareness update)         presence and typing (y-protocols/awareness)
 *   query aw.     varUint 3                                          read and ignored (the relay greets with every state)
 *   ack           varUint 100, varUint(n)                            relay → client: n of this socket's
 *                                                                    step 2 / update messages are durable (cumulative)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_ACK, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../common/relayWire';

/** A frame from the relay, decoded. */
export type RelayFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'ack'; durable: number }
  | { kind: 'awareness'; update: Uint8Array }
  /** Query-awareness and message types this client does not use. */
  | { kind: 'other'; type: number };

/** Sync step 1 announcing `stateVector`. */
export function writeStep1Frame(stateVector: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep1, stateVector);
}

/** Sync step 2 carrying `update` (the diff the other side asked for). */
export function writeStep2Frame(update: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsSyncStep2, update);
}

/** A sync update message carrying one local change. */
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

/** Decodes a frame; throws on a truncated or unknown sync frame. */
export function readRelayFrame(data: Uint8Array): RelayFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_ACK) return { kind: 'ack', durable: decoding.readVarUint(decoder) };
  if (type === MESSAGE_AWARENESS) return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  if (type !== MESSAGE_SYNC) return { kind: 'other', type };
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1:
      return { kind: 'step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
      return { kind: 'step2', update: payload };
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', update: payload };
    default:
      throw new Error(`unknown sync message type ${syncType}`);
  }
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
