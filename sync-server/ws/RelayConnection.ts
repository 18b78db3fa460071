/**
 * One authenticated WebSocket of one doc: who it is (user, workspace, role),
 * what it may do (guests are read-only), and the per-connection state the
 * protocol needs (awareness client ids, ack counters, awareness rate bucket,
 * keepalive flags). Sending counts bytes and guards memory: a peer that
 * stops reading is closed rather than buffered for without bound.
 */
import type { WebSocket } from 'ws';
import type { RelayRole } from '../../src-main/common/relayWire';
import { writeAckFrame } from '../../src-main/common/syncFrames';
import type { RelayMetrics } from '../metrics/RelayMetrics';
import type { AwarenessOwner } from './AwarenessRelay';

/** Close code for a peer too slow to read what it is sent (retryable). */
export const CLOSE_TOO_SLOW = 1013;
/** Close code for an internal failure (retryable): the doc is reloaded from storage. */
export const CLOSE_INTERNAL = 1011;
/** Awareness messages of any kind (stock clients echo what they receive) may come this many times faster than state changes. */
const ECHO_FACTOR = 50;
/** How long a closing socket may take before it is cut. */
const CLOSE_GRACE_MS = 1000;

/** Who is on the other end of a connection. */
export interface ConnectionIdentity {
  userId: string;
  workspaceId: string;
  docName: string;
  role: RelayRole;
  /** The client negotiated `qwanyx.v1` and gets acks. */
  qwanyx: boolean;
  /** The device whose token the connection came with (null for admin-minted tokens). */
  deviceId: string | null;
}

let lastId = 0;

export class RelayConnection implements AwarenessOwner, ConnectionIdentity {
  readonly id = ++lastId;
  // Identity fields live on the connection itself (no nested object): thousands of idle connections add up.
  readonly userId: string;
  readonly workspaceId: string;
  readonly docName: string;
  readonly role: RelayRole;
  readonly qwanyx: boolean;
  readonly deviceId: string | null;
  readonly readOnly: boolean;
  /** Sync step2/update messages accepted from this connection. */
  received = 0;
  /** Of those, how many are durable. */
  durable = 0;
  /** Something was sent since the last keepalive tick. */
  sentSinceTick = false;
  /** A pong (or any frame) arrived since the last ping. */
  alive = true;
  closed = false;
  private acked = 0;
  private clients: Set<number> | null = null;
  private tokens: number;
  private echoTokens: number;
  private lastRefill = Date.now();

  constructor(
    readonly ws: WebSocket,
    identity: ConnectionIdentity,
    private readonly metrics: RelayMetrics,
    private readonly awarenessPerSec: number,
    private readonly maxBufferedBytes: number,
  ) {
    this.userId = identity.userId;
    this.workspaceId = identity.workspaceId;
    this.docName = identity.docName;
    this.role = identity.role;
    this.qwanyx = identity.qwanyx;
    this.deviceId = identity.deviceId;
    this.readOnly = identity.role === 'guest';
    this.tokens = awarenessPerSec;
    this.echoTokens = awarenessPerSec * ECHO_FACTOR;
  }

  /** Awareness client ids this connection speaks for (created on first use: most connections of a big doc never set one). */
  get awarenessClients(): Set<number> {
    this.clients ??= new Set();
    return this.clients;
  }

  /** Sends one binary frame; closes the connection when the peer has too much unread. */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.close(CLOSE_TOO_SLOW, 'client too slow to read');
      return;
    }
    this.ws.send(frame);
    this.metrics.bytesOut += frame.length;
    this.sentSinceTick = true;
  }

  /** Sends an ack when messages became durable since the last one (qwanyx.v1 only). */
  ackDurable(): void {
    if (!this.qwanyx || this.durable === this.acked) return;
    this.acked = this.durable;
    this.send(writeAckFrame(this.durable));
  }

  /**
   * Takes one awareness message from its rate bucket; false when over the
   * rate. Updates that change a state (`changing`) get the configured rate;
   * every awareness message, echoes included, gets ECHO_FACTOR times more.
   */
  takeAwarenessToken(now: number, changing: boolean): boolean {
    const elapsed = now - this.lastRefill;
    if (elapsed > 0) {
      this.tokens = Math.min(this.awarenessPerSec, this.tokens + (elapsed * this.awarenessPerSec) / 1000);
      this.echoTokens = Math.min(this.awarenessPerSec * ECHO_FACTOR, this.echoTokens + (elapsed * this.awarenessPerSec * ECHO_FACTOR) / 1000);
      this.lastRefill = now;
    }
    if (changing) {
      if (this.tokens < 1) return false;
      this.tokens -= 1;
      return true;
    }
    if (this.echoTokens < 1) return false;
    this.echoTokens -= 1;
    return true;
  }

  /** Closes with `code`; the socket is cut if the close handshake takes longer than a second. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }
}
