/**
 * Frames the relay writes (y-websocket protocol, see
 * src-main/common/relayWire.ts): varUint message type, then the payload.
 *
 *   sync step 1   0 0 varUint8Array(stateVector)
 *   sync step 2   0 1 varUint8Array(update)
 *   sync update   0 2 varUint8Array(update)
 *   awareness     1 varUint8Array(awarenessUpdate)
 *   ack         100 varUint(n)   (qwanyx.v1 only)
 */
import * as encoding from 'lib0/encoding';
import { MESSAGE_ACK, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../src-main/common/relayWire';

/** y-protocols/sync sub-types. */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** A sync frame (`subType` step1 / step2 / update) carrying `payload`. */
export function writeSyncFrame(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame carrying an encoded awareness update. */
export function writeAwarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

/** An ack: `n` sync step2/update messages of this connection are durable (cumulative). */
export function writeAckFrame(n: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACK);
  encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

/**
 * The keepalive: an awareness update with no entries. Stock clients apply it
 * as a no-op and count it as traffic, so they do not drop a quiet relay.
 */
export const KEEPALIVE_FRAME: Uint8Array = writeAwarenessFrame(new Uint8Array([0]));
