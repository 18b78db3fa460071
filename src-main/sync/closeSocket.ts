/** Closing a client WebSocket without waiting forever on a peer that does not answer. */
import WebSocket from 'ws';

const CLOSE_GRACE_MS = 1_000;

/** Closes `ws` politely, and for sure after a grace period. */
export function closeSocket(ws: WebSocket, code: number, reason: string): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, CLOSE_GRACE_MS);
    timer.unref();
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // Closing a socket that is still connecting emits an error; the socket is going away, so it is not news.
    ws.on('error', () => undefined);
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(code, reason);
  });
}
