import { describe, expect, it } from 'vitest';
import type { ConnectionState } from './connection';
import { WebRpcClient } from './WebRpcClient';
import type { RpcSocket } from './WebRpcClient';

class FakeSocket implements RpcSocket {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(): void {}

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  serverSends(frame: unknown): void {
    this.deliver(JSON.stringify(frame));
  }

  deliver(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }

  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const client = new WebRpcClient({
    url: 'ws://127.0.0.1:4000/rpc',
    secret: 'abc123',
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
    onStateChange: (state) => states.push(state),
    schedule: (callback, ms) => timers.push({ callback, ms }),
  });
  client.start();
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { client, sockets, states, timers, last };
}

describe('WebRpcClient', () => {
  it('offers the protocol and the secret as subprotocols', () => {
    const { last } = setup();
    expect(last().url).toBe('ws://127.0.0.1:4000/rpc');
    expect(last().protocols).toEqual(['qwanyx-rpc.v1', 'secret.abc123']);
  });

  it('queues invokes made before the socket opens and matches results by id', async () => {
    const { client, last } = setup();
    const first = client.invoke('workspace.list', {});
    const second = client.invoke('app.info', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([
      { t: 'invoke', id: 1, channel: 'workspace.list', input: {} },
      { t: 'invoke', id: 2, channel: 'app.info', input: {} },
    ]);
    last().serverSends({ t: 'result', id: 2, result: { ok: false, error: { code: 'INTERNAL', message: 'boom' } } });
    last().serverSends({ t: 'result', id: 1, result: { ok: true, value: [] } });
    await expect(first).resolves.toEqual({ ok: true, value: [] });
    await expect(second).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { client, last } = setup();
    const seen: unknown[] = [];
    const off = client.on('profile.changed', (payload) => seen.push(payload));
    last().open();
    last().serverSends({ t: 'event', event: 'profile.changed', payload: { displayName: 'Ada', email: '' } });
    off();
    last().serverSends({ t: 'event', event: 'profile.changed', payload: { displayName: 'Bob', email: '' } });
    expect(seen).toEqual([{ displayName: 'Ada', email: '' }]);
  });

  it('fails pending invokes with CLOSED on a drop, then reconnects with growing delays', async () => {
    const { client, sockets, states, timers, last } = setup();
    last().open();
    const pending = client.invoke('workspace.list', {});
    last().drop(1006);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CLOSED' } });
    expect(states).toEqual(['open', 'reconnecting']);
    await expect(client.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'CLOSED' } });

    timers.shift()?.callback();
    last().drop(1006);
    timers.shift()?.callback();
    expect(sockets).toHaveLength(3);
    last().open();
    expect(states.at(-1)).toBe('open');
  });

  it('backs off exponentially up to a ceiling', () => {
    const { timers, last } = setup();
    for (let i = 0; i < 8; i++) {
      last().drop(1006);
      timers.at(-1)?.callback();
    }
    expect(timers.map((t) => t.ms)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });

  it('stops for good when the host refuses the secret (4401)', async () => {
    const { client, states, timers, last } = setup();
    last().open();
    last().drop(4401);
    expect(states.at(-1)).toBe('unauthorized');
    expect(timers).toEqual([]);
    await expect(client.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'CLOSED' } });
  });

  it('survives garbage frames and keeps answering calls', async () => {
    const { client, last } = setup();
    last().open();
    const call = client.invoke('app.info', {});
    last().deliver('not json');
    last().serverSends({ t: 'result', id: 99, result: { ok: true, value: 1 } });
    last().serverSends({ t: 'result', id: 1, result: { nonsense: true } });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const next = client.invoke('app.info', {});
    last().serverSends({ t: 'result', id: 2, result: { ok: true, value: 'fine' } });
    await expect(next).resolves.toEqual({ ok: true, value: 'fine' });
  });
});
