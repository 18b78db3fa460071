import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_ACK, MESSAGE_QUERY_AWARENESS } from './relayWire';
import {
  KEEPALIVE_FRAME,
  MalformedFrameError,
  readClientFrame,
  readRelayFrame,
  writeAckFrame,
  writeAwarenessFrame,
  writeStep1Frame,
  writeStep2Frame,
  writeUpdateFrame,
} from './syncFrames';

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('syncFrames', () => {
  it('reads back what each writer wrote, on both sides', () => {
    const doc = docWithText('hello');
    const stateVector = Y.encodeStateVector(doc);
    const update = Y.encodeStateAsUpdate(doc);
    for (const read of [readClientFrame, readRelayFrame]) {
      expect(read(writeStep1Frame(stateVector))).toEqual({ kind: 'step1', stateVector });
      expect(read(writeStep2Frame(update))).toEqual({ kind: 'step2', update });
      expect(read(writeUpdateFrame(update))).toEqual({ kind: 'update', update });
      expect(read(writeAwarenessFrame(new Uint8Array([0])))).toEqual({ kind: 'awareness', update: new Uint8Array([0]) });
    }
    expect(readRelayFrame(writeAckFrame(300))).toEqual({ kind: 'ack', durable: 300 });
    expect(readRelayFrame(KEEPALIVE_FRAME)).toEqual({ kind: 'awareness', update: new Uint8Array([0]) });
    expect(readClientFrame(new Uint8Array([MESSAGE_QUERY_AWARENESS]))).toEqual({ kind: 'queryAwareness' });
    expect(readRelayFrame(new Uint8Array([MESSAGE_QUERY_AWARENESS]))).toEqual({ kind: 'other', type: MESSAGE_QUERY_AWARENESS });
  });

  it('refuses what a peer may not send or what does not decode', () => {
    expect(() => readClientFrame(writeAckFrame(1))).toThrow(new MalformedFrameError(`unknown message type ${MESSAGE_ACK}`));
    expect(() => readClientFrame(new Uint8Array([7]))).toThrow(MalformedFrameError);
    expect(() => readRelayFrame(new Uint8Array([0, 9, 0]))).toThrow(new MalformedFrameError('unknown sync message 9'));
    const update = writeUpdateFrame(Y.encodeStateAsUpdate(docWithText('a longer text')));
    for (const read of [readClientFrame, readRelayFrame]) {
      // Truncated: a length that runs past the end of the frame.
      expect(() => read(update.subarray(0, update.length - 3))).toThrow();
      // A step 1 whose payload is not a state vector (it claims 100 clients).
      expect(() => read(writeStep1Frame(new Uint8Array([100])))).toThrow();
      expect(() => read(new Uint8Array([]))).toThrow();
    }
  });
});
