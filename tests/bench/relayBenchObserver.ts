/**
 * A minimal WebSocket observer over a raw TCP socket for the fan-out
 * benchmark: it performs the HTTP upgrade (with the bearer subprotocol) and
 * the stock y-websocket handshake (step 1 with an empty state vector, its
 * `{}` awareness, step 2 of an empty doc when the server sends step 1), then
 * only reads frame headers to count sync update messages. Parsing nothing
 * else keeps 500 observers cheap enough that the server, not the benchmark
 * process, sets the pace.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** One observer. */
export interface TcpObserver {
  updates: number;
  synced: Promise<void>;
  close(): void;
}

const STEP1_EMPTY = Buffer.from([0, 0, 1, 0]);
const STEP2_EMPTY = Buffer.from([0, 1, 2, 0, 0]);
const AWARENESS_EMPTY_STATE = Buffer.from([1, 6, 1, 1, 0, 2, 123, 125]);

/** A masked client frame (payloads here are < 126 bytes). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const out = Buffer.alloc(6 + payload.length);
  out[0] = 0x80 | opcode;
  out[1] = 0x80 | payload.length;
  mask.copy(out, 2);
  for (let i = 0; i < payload.length; i++) out[6 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

/** Connects an observer to `ws://127.0.0.1:<port><path>`. */
export function openTcpObserver(port: number, path: string, token: string): TcpObserver {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let markSynced: () => void = () => undefined;
  const observer: TcpObserver = { updates: 0, synced: new Promise((resolve) => (markSynced = resolve)), close: () => socket.destroy() };
  let upgraded = false;
  let pending: Buffer = Buffer.alloc(0);
  socket.on('connect', () => {
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: bearer.${token}\r\n\r\n`,
    );
  });
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    if (!upgraded) {
      const end = pending.indexOf('\r\n\r\n');
      if (end === -1) return;
      if (!pending.subarray(0, 12).toString().includes(' 101')) throw new Error(`upgrade refused: ${pending.subarray(0, end).toString()}`);
      upgraded = true;
      pending = pending.subarray(end + 4);
      socket.write(Buffer.concat([clientFrame(2, STEP1_EMPTY), clientFrame(2, AWARENESS_EMPTY_STATE)]));
    }
    let offset = 0;
    while (pending.length - offset >= 2) {
      const opcode = pending[offset]! & 0x0f;
      let length = pending[offset + 1]! & 0x7f;
      let header = 2;
      if (length === 126) {
        if (pending.length - offset < 4) break;
        length = pending.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (pending.length - offset < 10) break;
        length = Number(pending.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (pending.length - offset < header + length) break;
      const start = offset + header;
      if (opcode === 2 && pending[start] === 0) {
        const sub = pending[start + 1];
        if (sub === 2) observer.updates += 1;
        else if (sub === 1) markSynced();
        else if (sub === 0) socket.write(clientFrame(2, STEP2_EMPTY));
      } else if (opcode === 9) {
        socket.write(clientFrame(10, pending.subarray(start, start + length)));
      }
      offset = start + length;
    }
    pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
  });
  socket.on('error', () => undefined);
  return observer;
}
