/**
 * The WebSocket side of the relay: `GET /v1/ws/<workspaceId>/<docName>`
 * upgrades. The upgrade is accepted, then the token from
 * `Sec-WebSocket-Protocol: bearer.<token>` is checked (4401 bad or expired,
 * 4410 its device revoked or expired, 4403 other workspace or not a member,
 * 4409 role changed since it was issued), then the doc name (4404 unless a kind the relay serves) and the
 * user's socket count (4430 past `limits.maxSocketsPerUser`); the connection
 * then joins its doc. The device and the role are read from the account
 * stores (PostgreSQL with several nodes), so the socket is paused meanwhile:
 * what the client sends early waits in the socket, not lost. A timer sends every quiet
 * connection an application message and pings for dead peers.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { workspaceIdSchema } from '../../src-main/common/ids';
import { BEARER_PROTOCOL_PREFIX, QWANYX_PROTOCOL, RELAY_ROLES, RELAY_WS_PREFIX, RelayCloseCode, workspaceErasedReason } from '../../src-main/common/relayWire';
import { KEEPALIVE_FRAME } from '../../src-main/common/syncFrames';
import { verifyRelayToken } from '../auth/signRelayToken';
import type { RelayLimits } from '../config';
import type { Logger } from '../../src-main/common/Logger';
import type { PolicyRefusalReason, RelayMetrics } from '../metrics/RelayMetrics';
import { docPolicyOf } from '../policy/docPolicies';
import type { AccountStore } from '../storage/AccountStore';
import type { WorkspaceStore } from '../storage/WorkspaceStore';
import type { ConnectionRegistry } from './ConnectionRegistry';
import type { DocManager } from './DocManager';
import { DOC_NAME_MAX, docNameOk } from './docNames';
import type { RelayDoc } from './RelayDoc';
import { CLOSE_INTERNAL, RelayConnection } from './RelayConnection';

/** Dependencies of the gateway. */
export interface WsGatewayDeps {
  secret: string;
  limits: RelayLimits;
  keepaliveMs: number;
  workspaces: WorkspaceStore;
  /** Devices: a token's device must still be signed in (its expiry is pushed by the use). */
  accounts: AccountStore;
  deviceTtlSeconds: number;
  docs: DocManager;
  registry: ConnectionRegistry;
  metrics: RelayMetrics;
  logger: Logger;
}

/** Dead peers are pinged about this often. */
const PING_EVERY_MS = 30_000;
/** Frames over the limit but under this multiple of it are refused with 4413; larger ones are cut by `ws` itself (1009). */
const HARD_FRAME_FACTOR = 4;

export class WsGateway {
  private readonly wss: WebSocketServer;
  private pending = 0;
  private quiet = false;
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly pingEvery: number;
  /** `ws` closes an erroring socket itself; one shared listener, so no per-connection closure. */
  private readonly onSocketError = (err: Error): void => this.deps.logger('debug', 'ws.error', { err });

  constructor(private readonly deps: WsGatewayDeps) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: deps.limits.maxFrameBytes * HARD_FRAME_FACTOR,
      handleProtocols: (protocols) => {
        if (protocols.has(QWANYX_PROTOCOL)) return QWANYX_PROTOCOL;
        for (const p of protocols) if (p.startsWith(BEARER_PROTOCOL_PREFIX)) return p;
        return false;
      },
    });
    const tickMs = Math.max(50, Math.floor(deps.keepaliveMs / 2));
    this.pingEvery = Math.max(1, Math.round(PING_EVERY_MS / tickMs));
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  /** Connections accepted but not yet authenticated. */
  get pendingAuth(): number {
    return this.pending;
  }

  /** The `upgrade` listener of the HTTP server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A named function, not a closure: a closure here would keep `req` (headers, token) alive as long as the socket.
    socket.on('error', destroySocket);
    if (this.quiet) return refuse(socket, 503, 'The relay is restarting.');
    const target = parseDocPath(req.url ?? '');
    if (!target) return refuse(socket, 404, 'Not a relay document path: expected /v1/ws/<workspaceId>/<docName>.');
    if (this.pending >= this.deps.limits.maxPendingAuth) {
      this.deps.logger('warn', 'ws.too_many_pending', { pending: this.pending });
      return refuse(socket, 503, 'Too many connections waiting for authentication; retry later.');
    }
    // The counter brackets the handshake and the (asynchronous) account checks. A handshake `ws`
    // refuses (bad headers) never reaches the callback, hence the count taken back when it did not.
    this.pending += 1;
    let handed = false;
    try {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        handed = true;
        // Frames the client sends before the checks end wait in the socket (flow control), in order.
        ws.pause();
        this.admit(ws, req, target.workspaceId, target.docName)
          .catch((err: unknown) => {
            // The accounts database failed us (busy, closed, unreachable): a retryable close, never a crash.
            this.deps.logger('error', 'ws.admit_failed', { workspaceId: target.workspaceId, docName: target.docName, err });
            ws.close(CLOSE_INTERNAL, 'relay error; reconnect');
          })
          .finally(() => {
            this.pending -= 1;
            ws.resume();
          });
      });
    } finally {
      if (!handed) this.pending -= 1;
    }
  }

  /** Stops taking frames: what arrives from now on is dropped (unacknowledged), so the log can be flushed. */
  quiesce(): void {
    this.quiet = true;
  }

  /** Closes every connection with `code` and resolves once they are closed (cut after a second). */
  async closeAll(code: number, reason: string): Promise<void> {
    clearInterval(this.timer);
    const conns = [...this.deps.registry.all()];
    const closed = conns.map((conn) => new Promise<void>((resolve) => (conn.ws.readyState === conn.ws.CLOSED ? resolve() : conn.ws.once('close', () => resolve()))));
    for (const conn of conns) conn.close(code, reason);
    await Promise.all(closed);
    this.wss.close();
  }

  private async admit(ws: WebSocket, req: IncomingMessage, workspaceId: string, docName: string): Promise<void> {
    this.deps.metrics.connectionsOpened += 1;
    ws.on('error', this.onSocketError);
    const refuse = (code: number, reason: string, why: 'bad_token' | 'forbidden' | PolicyRefusalReason): void => {
      if (why === 'bad_token' || why === 'forbidden') this.deps.metrics.authFailure(why);
      else this.deps.metrics.policyRefusal(why);
      this.deps.logger('info', 'ws.refused', { workspaceId, docName, code, reason });
      ws.close(code, reason);
      setTimeout(() => ws.terminate(), 1000).unref();
    };
    const token = bearerToken(req);
    if (!token) return refuse(RelayCloseCode.Unauthorized, 'missing bearer token', 'bad_token');
    const checked = verifyRelayToken(token, this.deps.secret, Math.floor(Date.now() / 1000));
    if ('problem' in checked) return refuse(RelayCloseCode.Unauthorized, `token ${checked.problem.replace('_', ' ')}`, 'bad_token');
    const { claims } = checked;
    // Both reads at once: one round trip's wait, not two, when the stores are PostgreSQL.
    const [deviceOk, role] = await Promise.all([
      claims.did === undefined ? true : this.deps.accounts.useDevice(claims.did, claims.sub, Date.now(), this.deps.deviceTtlSeconds * 1000),
      this.deps.workspaces.roleOf(workspaceId, claims.sub),
    ]);
    // The client left meanwhile, or the relay began to stop.
    if (ws.readyState !== ws.OPEN) return;
    if (this.quiet) return ws.close(RelayCloseCode.Restarting, 'relay restarting');
    if (!deviceOk) return refuse(RelayCloseCode.DeviceRevoked, 'device signed out or its token expired; sign in again', 'bad_token');
    if (claims.ws !== workspaceId) return refuse(RelayCloseCode.Forbidden, 'token is for another workspace', 'forbidden');
    if (!role) {
      // A token from before its workspace was erased (a device offline meanwhile): say so, as to those online then.
      const erasedAt = await this.deps.workspaces.erasedAt(workspaceId);
      if (ws.readyState !== ws.OPEN) return;
      if (erasedAt !== null) return refuse(RelayCloseCode.WorkspaceErased, workspaceErasedReason(erasedAt), 'forbidden');
      return refuse(RelayCloseCode.Forbidden, 'not a member of this workspace', 'forbidden');
    }
    if (role !== claims.role) return refuse(RelayCloseCode.RoleChanged, 'role changed; get a new token', 'forbidden');
    // After the token: who is not a member learns nothing about which names exist.
    const policy = docPolicyOf(docName);
    if (!policy) return refuse(RelayCloseCode.UnknownDoc, 'not a doc name this relay serves', 'unknown_doc');
    if (this.deps.registry.socketsOf(claims.sub) >= this.deps.limits.maxSocketsPerUser) {
      return refuse(RelayCloseCode.TooManySockets, 'too many sockets open for this user', 'too_many_sockets');
    }

    const { limits } = this.deps;
    const doc = this.deps.docs.acquire({ workspaceId, docName }, policy);
    // Shared strings (the doc's key, the role constant) rather than this connection's copies.
    const identity = { userId: claims.sub, workspaceId: doc.key.workspaceId, docName: doc.key.docName, role: RELAY_ROLES.find((r) => r === role) ?? role, qwanyx: ws.protocol === QWANYX_PROTOCOL, deviceId: claims.did ?? null };
    const conn = new RelayConnection(ws, identity, this.deps.metrics, limits.awarenessPerSec, Math.max(16 * 1024 * 1024, limits.maxFrameBytes * HARD_FRAME_FACTOR));
    this.deps.registry.add(conn);
    this.listen(conn, doc);
    this.deps.logger('debug', 'ws.opened', { workspaceId, docName, userId: claims.sub, role, qwanyx: identity.qwanyx });
    doc.attach(conn);
  }

  /** Wires the socket's events; kept apart from `admit` so the listeners hold only what they use. */
  private listen(conn: RelayConnection, doc: RelayDoc): void {
    const { ws } = conn;
    const { metrics } = this.deps;
    const maxFrameBytes = this.deps.limits.maxFrameBytes;
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      metrics.bytesIn += data.length;
      conn.alive = true;
      if (this.quiet || conn.closed) return;
      if (!isBinary) {
        metrics.rejectFrame('text_frame');
        conn.close(RelayCloseCode.Malformed, 'text frames are not part of the protocol');
        return;
      }
      if (data.length > maxFrameBytes) {
        metrics.rejectFrame('too_large');
        conn.close(RelayCloseCode.TooLarge, 'frame over the size limit');
        return;
      }
      // A copy that owns its memory: a length read past the end of the frame must fail, not read a neighbour's bytes.
      doc.receive(conn, new Uint8Array(data));
    });
    ws.on('close', () => {
      conn.closed = true;
      this.deps.registry.remove(conn);
      doc.detach(conn);
    });
  }

  private tick(): void {
    this.ticks += 1;
    const ping = this.ticks % this.pingEvery === 0;
    for (const conn of this.deps.registry.all()) {
      if (!conn.sentSinceTick) conn.send(KEEPALIVE_FRAME);
      conn.sentSinceTick = false;
      if (!ping) continue;
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }
}

function destroySocket(this: Duplex): void {
  this.destroy();
}

function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers['sec-websocket-protocol'];
  if (!header) return null;
  for (const entry of header.split(',')) {
    const p = entry.trim();
    if (p.startsWith(BEARER_PROTOCOL_PREFIX)) return p.slice(BEARER_PROTOCOL_PREFIX.length);
  }
  return null;
}

/** `/v1/ws/<workspaceId>/<docName…>` → its parts, checked; null when it is not a valid doc path. */
function parseDocPath(url: string): { workspaceId: string; docName: string } | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.startsWith(RELAY_WS_PREFIX) || path.length > RELAY_WS_PREFIX.length + 80 + DOC_NAME_MAX * 3) return null;
  try {
    const [rawWs, ...rest] = path.slice(RELAY_WS_PREFIX.length).split('/');
    const workspaceId = decodeURIComponent(rawWs ?? '');
    const docName = rest.map(decodeURIComponent).join('/');
    if (!workspaceIdSchema.safeParse(workspaceId).success || !docNameOk(docName)) return null;
    return { workspaceId, docName };
  } catch {
    // A malformed %-escape: not a doc path.
    return null;
  }
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', message } });
  socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Service Unavailable'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
