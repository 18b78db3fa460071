/**
 * One doc of one workspace, kept in sync with the relay over one WebSocket at
 * `/v1/ws/<workspaceId>/<docName>`, speaking the stock y-websocket protocol
 * (y-protocols sync step 1 / step 2 / update; see common/syncFrames.ts).
 *
 * Why not y-websocket's WebsocketProvider: remote updates must go through
 * `DocManager.applyUpdate` with a typed `{source:'remote'}` origin (so they are
 * stored like any other change), the token must be refreshed before a
 * reconnect, the relay's acknowledgements (type 100, `qwanyx.v1`) drive the
 * count of local changes not yet on the relay, and reconnects back off with
 * jitter. The frames on the wire are exactly the stock ones.
 *
 * Handshake: on open we send our step 1 (state vector); the relay answers
 * with step 2 (what we lack) and sends its own step 1, which we answer with
 * step 2 = the diff of our doc against its state vector. That one message
 * uploads everything written offline, once. Local changes made before it are
 * not sent on their own (the diff carries them); after it, each local change
 * goes out as an update message. Every step 2 / update we send is queued
 * until the relay acknowledges it as durable (acks are cumulative per socket:
 * "n of your messages are durable"); then its `sync_pending` rows go.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { SyncReasonCode } from '../common/contract';
import { BEARER_PROTOCOL_PREFIX, isRetryableClose, QWANYX_PROTOCOL, RelayCloseCode, relayDocPath, workspaceErasedAt } from '../common/relayWire';
import { readRelayFrame, writeStep1Frame, writeStep2Frame, writeUpdateFrame } from '../common/syncFrames';
import { readRelayTokenClaims } from '../common/relayToken';
import { relayWebSocketUrl } from '../common/relayUrl';
import type { PendingAck } from '../storage/SyncPendingStore';
import { AckLedger } from './AckLedger';
import { AwarenessBridge } from './AwarenessBridge';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoffDelay';
import type { DocChange } from './DocManager';
import { classifySyncFailure, erasedSentence } from './classifySyncFailure';
import type { DocSyncStatus } from './DocSyncStatus';
import { closeSocket } from './closeSocket';
import type { RelayDocConnectionOptions } from './RelayDocConnectionOptions';
import { splitUpdate } from './splitUpdate';
import { txOrigin } from './TxOrigin';

export type { DocSyncState, DocSyncStatus, RelayTokenProvider } from './DocSyncStatus';

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Largest update sent in one frame: half the relay's default frame limit (1 MiB). */
const MAX_PART_BYTES = 512 * 1024;
/** How often an open connection looks for changes another process (the CLI) wrote to the file. */
const CATCH_UP_INTERVAL_MS = 3_000;
/**
 * When a private room this member may not read is tried again: soon at
 * first (being added to a room and the relay learning this device's member
 * id can arrive just after the socket), then once a minute.
 */
const NOT_READABLE_RETRY_MS = [2_000, 10_000, 60_000] as const;

/** The connection of one doc to the relay; reconnects on its own until stopped. */
export class RelayDocConnection {
  private ws: WebSocket | null = null;
  private running = false;
  /** Consecutive failed attempts; reset once a handshake completes. */
  private attempt = 0;
  private failedOnce = false;
  private notReadable = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private silenceTimer: NodeJS.Timeout | null = null;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private generation = 0;
  private sentStep2 = false;
  private gotStep2 = false;
  private readOnly = false;
  private readonly acks: AckLedger;
  private error: { code: SyncReasonCode; reason: string; erasedAt?: number | null } | null = null;
  private offlineReason: { code: SyncReasonCode; reason: string } | null = null;
  private lastStatus = '';
  private bridge: AwarenessBridge | null = null;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly silenceTimeoutMs: number;

  constructor(private readonly options: RelayDocConnectionOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.silenceTimeoutMs = options.silenceTimeoutMs ?? 45_000;
    this.acks = new AckLedger(options.pending);
  }

  get docName(): string {
    return this.options.docName;
  }

  /** Starts connecting (and keeps reconnecting until `stop`). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.error = null;
    if (this.options.awareness && !this.bridge) this.bridge = new AwarenessBridge(this.options.awareness);
    void this.connect();
  }

  /** Closes the socket for good. Resolves once it is closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    this.clearTimers();
    const ws = this.ws;
    this.detach();
    this.bridge?.dispose();
    this.bridge = null;
    this.report();
    if (ws) await closeSocket(ws, 1000, 'Client closing');
  }

  /** Drops the current socket (if any) and connects again now, forgetting the backoff and any error. */
  reconnectNow(): void {
    this.running = true;
    this.error = null;
    this.attempt = 0;
    this.generation += 1;
    this.clearTimers();
    const ws = this.ws;
    this.detach();
    ws?.terminate();
    void this.connect();
  }

  /** The current status. */
  status(): DocSyncStatus {
    const inFlight = this.acks.size;
    if (this.error) return { state: 'error', reasonCode: this.error.code, reason: this.error.reason, inFlight, ...(this.error.erasedAt != null ? { erasedAt: this.error.erasedAt } : {}) };
    if (!this.running) return { state: 'idle', reasonCode: null, reason: null, inFlight };
    // A private room this member is not in: nothing of it is theirs to sync.
    if (this.notReadable) return { state: 'synced', reasonCode: null, reason: null, inFlight };
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      const synced = this.gotStep2 && this.sentStep2 && inFlight === 0;
      return { state: synced ? 'synced' : 'syncing', reasonCode: null, reason: null, inFlight };
    }
    if (this.failedOnce && this.offlineReason) {
      return { state: 'offline', reasonCode: this.offlineReason.code, reason: this.offlineReason.reason, inFlight };
    }
    return { state: 'connecting', reasonCode: null, reason: null, inFlight };
  }

  /** Sends a stored local change of this doc, when the handshake is done (else the next step 2 carries it). */
  onLocalChange(change: DocChange): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.sentStep2 || this.readOnly) return;
    // A change applied by catch-up (another process wrote it) has no seq of ours: it covers the doc up to its clock.
    const ack: PendingAck =
      change.seq !== null
        ? { docName: this.docName, seq: change.seq }
        : { docName: this.docName, upto: this.options.docs.clock(this.docName) };
    this.sendInParts(ws, change.update, false, ack);
    this.report();
  }

  /**
   * Sends `update` as one frame, or, when it is bigger than a relay takes in
   * one frame, as several valid updates; only the last part's acknowledgement
   * crosses off the pending rows (acks are cumulative, so it means all parts).
   */
  private sendInParts(ws: WebSocket, update: Uint8Array, step2: boolean, ack: PendingAck): void {
    const parts = splitUpdate(update, MAX_PART_BYTES);
    parts.forEach((part, i) => {
      const frame = step2 && i === 0 ? writeStep2Frame(part) : writeUpdateFrame(part);
      this.send(ws, frame, i === parts.length - 1 ? ack : { docName: this.docName, upto: 0 });
    });
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.report();
    let token: string;
    try {
      token = await this.options.tokens.get();
    } catch (err) {
      if (generation !== this.generation || !this.running) return;
      this.fail(err);
      return;
    }
    if (generation !== this.generation || !this.running) return;
    this.readOnly = readRelayTokenClaims(token)?.role === 'guest';
    const url = relayWebSocketUrl(this.options.relayUrl, relayDocPath(this.options.workspaceId, this.docName));
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, [QWANYX_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`], {
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
        perMessageDeflate: false,
      });
    } catch (err) {
      this.fail(err);
      return;
    }
    this.ws = ws;
    this.sentStep2 = false;
    this.gotStep2 = false;
    this.acks.reset();
    let lastError: string | null = null;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      if (ws !== this.ws) return;
      this.error = null;
      this.acks.enabled = ws.protocol === QWANYX_PROTOCOL;
      this.armSilenceTimer(ws);
      this.runSafely(ws, () => {
        this.sendStep1(ws);
        this.bridge?.attach((frame) => ws.send(frame));
      });
      this.report();
    });
    ws.on('message', (data: Buffer) => {
      if (ws !== this.ws) return;
      this.armSilenceTimer(ws);
      this.runSafely(ws, () => this.handleMessage(ws, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      this.report();
    });
    ws.on('error', (err) => {
      lastError = err.message;
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (ws !== this.ws) return;
      this.detach();
      this.onClosed(code, reason.toString() || lastError || `connection closed (${code})`);
    });
  }

  private sendStep1(ws: WebSocket): void {
    // Another process (the CLI) may have written to this doc: include it in what we announce.
    this.options.docs.catchUp(this.docName);
    ws.send(writeStep1Frame(Y.encodeStateVector(this.options.docs.doc(this.docName))));
  }

  private handleMessage(ws: WebSocket, data: Uint8Array): void {
    const { docs } = this.options;
    const frame = readRelayFrame(data);
    switch (frame.kind) {
      case 'step1':
        docs.catchUp(this.docName);
        if (!this.readOnly) {
          const diff = Y.encodeStateAsUpdate(docs.doc(this.docName), frame.stateVector);
          this.sendInParts(ws, diff, true, { docName: this.docName, upto: docs.clock(this.docName) });
        }
        this.sentStep2 = true;
        this.startCatchUp(ws);
        return;
      case 'step2':
      case 'update':
        docs.applyUpdate(this.docName, frame.update, txOrigin('remote', 'relay'));
        if (frame.kind === 'step2') {
          this.gotStep2 = true;
          this.notReadable = false;
          this.attempt = 0;
          this.failedOnce = false;
        }
        return;
      case 'ack':
        this.acks.acknowledged(frame.durable);
        return;
      case 'awareness':
        this.bridge?.receive(frame.update);
        return;
      case 'other':
        // Query-awareness and unknown application messages only keep the socket alive.
        return;
    }
  }

  private send(ws: WebSocket, frame: Uint8Array, ack: PendingAck): void {
    ws.send(frame);
    this.acks.sent(ack);
  }

  private onClosed(code: number, reason: string): void {
    if (!this.running) return;
    if (code === RelayCloseCode.NotReadable) {
      // Not (or no longer) a member of this private room: look again later, quietly (being added lets us in).
      this.notReadable = true;
      this.scheduleRetry(NOT_READABLE_RETRY_MS[Math.min(this.attempt, NOT_READABLE_RETRY_MS.length - 1)]!);
      return;
    }
    if (code === RelayCloseCode.Forbidden || code === RelayCloseCode.WorkspaceErased) {
      const erased = code === RelayCloseCode.WorkspaceErased;
      const erasedAt = erased ? workspaceErasedAt(reason) : null;
      this.error = erased ? { code: 'removed', reason: erasedSentence(erasedAt), erasedAt } : { code: 'no-access', reason: `The relay refused access to this workspace: ${reason}` };
      this.running = false;
      this.report();
      return;
    }
    if (!isRetryableClose(code)) {
      this.error = { code: 'rejected', reason: `The relay refused this document (${code}): ${reason}` };
      this.running = false;
      this.report();
      return;
    }
    if (code === RelayCloseCode.Unauthorized || code === RelayCloseCode.RoleChanged || code === RelayCloseCode.DeviceRevoked) {
      // Routine: the token expired or our role changed. Get a new token and come straight back
      // (after 4410, asking for one finds this device signed out, and the status says so).
      this.options.tokens.invalidate();
      if (this.attempt >= 2) {
        // Fresh tokens refused again and again: the relay is misconfigured or restarting; say so.
        this.failedOnce = true;
        this.offlineReason = { code: 'unreachable', reason: `The relay keeps refusing this device's tokens: ${reason}` };
      }
      this.scheduleRetry(this.attempt === 0 ? 0 : null);
      return;
    }
    this.failedOnce = true;
    this.offlineReason = { code: 'unreachable', reason: `Cannot reach the relay at ${this.options.relayUrl}: ${reason}` };
    this.scheduleRetry(null);
  }

  private fail(err: unknown): void {
    const failure = classifySyncFailure(err);
    if (failure.kind === 'offline') {
      this.failedOnce = true;
      this.offlineReason = { code: failure.code, reason: failure.reason };
    } else {
      this.error = { code: failure.code, reason: failure.reason, ...(failure.erasedAt != null ? { erasedAt: failure.erasedAt } : {}) };
      if (failure.code === 'protocol') this.options.onError?.(err);
    }
    if (failure.retry) this.scheduleRetry(null);
    else {
      this.running = false;
      this.report();
    }
  }

  /** Schedules the next attempt after `delayMs`, or after the backoff delay when null. */
  private scheduleRetry(delayMs: number | null): void {
    this.clearTimers();
    const delay = delayMs ?? backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt += 1;
    this.report();
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.running || generation !== this.generation) return;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private runSafely(ws: WebSocket, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // A frame we cannot decode or apply: drop this socket and start again from a fresh handshake.
      this.options.onError?.(err);
      this.offlineReason = { code: 'protocol', reason: `The relay sent data this app cannot read: ${String(err)}` };
      ws.terminate();
    }
  }

  /** Changes another process stored reach the doc (and, as local changes, the relay) within seconds. */
  private startCatchUp(ws: WebSocket): void {
    if (this.catchUpTimer) return;
    this.catchUpTimer = setInterval(() => {
      if (ws !== this.ws) return;
      try {
        this.options.docs.catchUp(this.docName);
      } catch (err) {
        this.options.onError?.(err);
      }
    }, CATCH_UP_INTERVAL_MS);
    this.catchUpTimer.unref();
  }

  private armSilenceTimer(ws: WebSocket): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      if (ws === this.ws) ws.terminate();
    }, this.silenceTimeoutMs);
    this.silenceTimer.unref();
  }

  private detach(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    this.catchUpTimer = null;
    this.ws = null;
    this.bridge?.detach();
    this.sentStep2 = false;
    this.gotStep2 = false;
    this.acks.reset();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
  }

  private report(): void {
    const status = this.status();
    const key = `${status.state}|${status.reasonCode}|${status.reason}|${status.inFlight}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.options.onStatus(status);
  }
}
