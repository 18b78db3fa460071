/**
 * The browser-mode bridge: `QwanyxBridge` over one WebSocket to the browser
 * host (`ws://<host>/rpc`, subprotocols `qwanyx-rpc.v1` and `secret.<hex>`).
 *
 * Wire format (JSON text frames):
 *   client → server  {"t":"invoke","id":<positive int>,"channel":"<name>","input":{...}}
 *   server → client  {"t":"result","id":<same id>,"result":{"ok":true,"value":...}
 *                                                   | {"ok":false,"error":{"code":"...","message":"..."}}}
 *                    {"t":"event","event":"<name>","payload":{...}}
 *                    {"t":"error","error":{"code","message"}}  (a frame the host could not read; logged)
 *
 * Invokes made before the first open are queued. When the socket closes,
 * pending invokes resolve `{ok:false, error:{code:'CLOSED'}}` and the client
 * reconnects with exponential backoff, except after close code 4401 (bad
 * secret), which is final.
 */
import type { WireError } from '../../src-main/common/AppError';
import type { ChannelName, EventName } from '../../src-main/common/contract';
import type { QwanyxBridge } from '../../src-main/common/QwanyxBridge';
import type { Result } from '../../src-main/common/Result';
import type { ConnectionState } from './connection';

export const RPC_SUBPROTOCOL = 'qwanyx-rpc.v1';
export const BAD_SECRET_CLOSE_CODE = 4401;

/** The part of the browser WebSocket this client uses (a fake in tests). */
export interface RpcSocket {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WebRpcClientOptions {
  url: string;
  secret: string;
  createSocket(url: string, protocols: string[]): RpcSocket;
  onStateChange(state: ConnectionState): void;
  /** Reconnection delays grow from `minDelayMs` to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  schedule?(callback: () => void, ms: number): unknown;
}

const SOCKET_OPEN = 1;

type Listener = (payload: unknown) => void;

interface ServerFrame {
  t?: unknown;
  id?: unknown;
  result?: unknown;
  event?: unknown;
  payload?: unknown;
  error?: unknown;
}

function closedResult(message: string): Result<never> {
  return { ok: false, error: { code: 'CLOSED', message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: Partial<WireError> };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}

export class WebRpcClient {
  private socket: RpcSocket | null = null;
  private nextId = 1;
  private attempts = 0;
  private everOpened = false;
  private state: ConnectionState = 'connecting';
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly options: WebRpcClientOptions) {}

  /** Opens the first connection. */
  start(): void {
    this.connect();
  }

  /** The bridge object to install as `window.qwanyx`. */
  bridge(): QwanyxBridge {
    return {
      invoke: (channel, input) => this.invoke(channel, input) as never,
      on: (event, listener) => this.on(event, listener as Listener),
    };
  }

  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
    if (this.state === 'unauthorized') {
      return Promise.resolve(closedResult('This page is not authorised to reach the Qwanyx host.'));
    }
    // After a drop, fail fast rather than leave the user's action hanging
    // until the host comes back; the banner says we are reconnecting.
    if (this.everOpened && this.state !== 'open') {
      return Promise.resolve(closedResult('Disconnected from the Qwanyx host.'));
    }
    const id = this.nextId++;
    const frame = JSON.stringify({ t: 'invoke', id, channel, input });
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.socket?.readyState === SOCKET_OPEN) this.socket.send(frame);
      else this.queue.push(frame);
    });
  }

  on(event: EventName, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    this.listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.options.onStateChange(state);
  }

  private connect(): void {
    const socket = this.options.createSocket(this.options.url, [RPC_SUBPROTOCOL, `secret.${this.options.secret}`]);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.everOpened = true;
      for (const frame of this.queue.splice(0)) socket.send(frame);
      this.setState('open');
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {
      // The close event that always follows carries what we need.
    };
    socket.onclose = (ev) => this.closed(ev.code);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      console.warn('Qwanyx host sent a frame that is not JSON; ignored.');
      return;
    }
    if (frame.t === 'result' && typeof frame.id === 'number') {
      const resolve = this.pending.get(frame.id);
      if (!resolve) return;
      this.pending.delete(frame.id);
      resolve(isResult(frame.result) ? frame.result : { ok: false, error: { code: 'INTERNAL', message: 'The Qwanyx host sent a malformed answer.' } });
    } else if (frame.t === 'error') {
      // The host could not read one of our frames at all (no id to answer).
      console.error('The Qwanyx host rejected a frame', frame.error);
    } else if (frame.t === 'event' && typeof frame.event === 'string') {
      for (const listener of this.listeners.get(frame.event) ?? []) {
        try {
          listener(frame.payload);
        } catch (err) {
          console.error(`Listener of ${frame.event} failed`, err);
        }
      }
    }
  }

  private closed(code: number): void {
    this.socket = null;
    this.queue.length = 0;
    const message = 'Disconnected from the Qwanyx host.';
    for (const resolve of this.pending.values()) resolve(closedResult(message));
    this.pending.clear();
    if (code === BAD_SECRET_CLOSE_CODE) {
      this.setState('unauthorized');
      return;
    }
    this.setState('reconnecting');
    const min = this.options.minDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 10_000;
    const delay = Math.min(max, min * 2 ** this.attempts);
    this.attempts += 1;
    const schedule = this.options.schedule ?? ((cb: () => void, ms: number) => setTimeout(cb, ms));
    schedule(() => this.connect(), delay);
  }
}
