/**
 * The browser host: the same core as the desktop app, reachable from a
 * browser tab on 127.0.0.1. It serves the built renderer over HTTP and the
 * IPC contract over a WebSocket (`/rpc`, see webRpcFrames).
 *
 * Only this machine can reach it (it binds 127.0.0.1), only pages it served
 * can talk to it (Host and Origin are checked, which also defeats DNS
 * rebinding), and only someone holding the per-run secret printed at start
 * can call the core.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../../core/createCore';
import { serveStatic } from './serveStatic';
import {
  CLOSE_BAD_SECRET,
  MAX_FRAME_BYTES,
  readClientFrame,
  RPC_SUBPROTOCOL,
  SECRET_PROTOCOL_PREFIX,
  writeErrorFrame,
  writeEventFrame,
  writeResultFrame,
} from './webRpcFrames';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** A fixed secret (tests); a random one otherwise. */
  secret?: string;
}

export interface WebHost {
  port: number;
  secret: string;
  /** The address to open, secret included (in the fragment, so it never reaches a server log). */
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  const server = http.createServer();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(RPC_SUBPROTOCOL) ? RPC_SUBPROTOCOL : false),
  });
  let port = options.port;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([...allowedHosts()].map((h) => `http://${h}`));
  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });

  server.on('request', (req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Wrong Host header');
      return;
    }
    serveStatic(rendererDir, req, res, securityHeaders());
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const origin = req.headers.origin ?? '';
    if (url.pathname !== '/rpc' || !allowedHosts().has(req.headers.host ?? '') || !allowedOrigins().has(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      const given = offered.find((p) => p.startsWith(SECRET_PROTOCOL_PREFIX))?.slice(SECRET_PROTOCOL_PREFIX.length) ?? '';
      if (!sameSecret(given, secret)) {
        ws.close(CLOSE_BAD_SECRET, 'Missing or wrong secret');
        return;
      }
      attach(ws);
    });
  });

  const unsubscribe = options.core.onEvent((event, payload) => {
    const frame = writeEventFrame(event, payload);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  function attach(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(writeErrorFrame({ code: 'VALIDATION', message: 'Frames must be JSON text' }));
        return;
      }
      const read = readClientFrame(data.toString());
      if ('error' in read) {
        ws.send(read.id === null ? writeErrorFrame(read.error) : writeResultFrame(read.id, { ok: false, error: read.error }));
        return;
      }
      const { id, channel, input } = read.frame;
      void options.core.dispatch(channel, input).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(writeResultFrame(id, result));
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    secret,
    url: `http://${HOST}:${port}/#secret=${secret}`,
    close: async () => {
      unsubscribe();
      for (const client of wss.clients) client.close(1001, 'Host shutting down');
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
