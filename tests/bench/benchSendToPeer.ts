/**
 * send_to_peer_visible_ms_p95: a message posted on core A (`message.post`
 * through dispatch) until it is in core B's messages projection (B's
 * `messages.changed` event, emitted once the row is committed), through a
 * real relay on 127.0.0.1: two people, one linked workspace, one channel.
 */
import type { Core } from '../../src-main/core/createCore';
import { createCore } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { startRelay } from '../../sync-server/startRelay';
import { percentile } from './percentile';

export interface SendToPeerResult {
  p95Ms: number;
  p50Ms: number;
  maxMs: number;
  messages: number;
}

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function syncedState(core: Core, workspaceId: string): Promise<string> {
  const all = await call<{ workspaceId: string; state: string; pending: number }[]>(core, 'sync.status', {});
  const s = all.find((x) => x.workspaceId === workspaceId);
  return s ? `${s.state}/${s.pending}` : 'missing';
}

/** Posts `count` messages on A, one at a time, each timed until B has it. */
export async function benchSendToPeer(dataDirs: { relay: string; a: string; b: string }, count: number): Promise<SendToPeerResult> {
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: dataDirs.relay, secret: 'qwanyx-bench-send-to-peer-secret-0123456789', dev: true, logLevel: 'silent' });
  const cores: Core[] = [];
  try {
    const make = async (dataDir: string): Promise<Core> => {
      const core = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined, sync: { backoff: { minMs: 20, maxMs: 200 } } });
      cores.push(core);
      return core;
    };
    const a = await make(dataDirs.a);
    const b = await make(dataDirs.b);
    for (const [core, email] of [[a, 'ada@example.com'], [b, 'bob@example.com']] as const) {
      await call(core, 'relay.requestCode', { url: relay.url, email });
      await call(core, 'relay.signIn', { url: relay.url, email, code: relay.lastCode(email) });
    }
    const ws = await call<{ id: string }>(a, 'workspace.create', { name: 'Bench', kind: 'team' });
    await call(a, 'workspace.link', { id: ws.id, relayUrl: relay.url });
    const invitation = await call<{ token: string }>(a, 'invite.create', { workspaceId: ws.id, email: 'bob@example.com', role: 'member' });
    await call(b, 'invite.accept', { relayUrl: relay.url, token: invitation.token });
    const room = await call<{ id: string }>(a, 'room.create', { workspaceId: ws.id, name: 'general', kind: 'channel' });
    await until(async () => (await call<{ id: string }[]>(b, 'room.list', { workspaceId: ws.id })).some((r) => r.id === room.id), 'the room on B');
    await call(b, 'room.join', { workspaceId: ws.id, roomId: room.id });
    await until(async () => (await syncedState(a, ws.id)) === 'synced/0' && (await syncedState(b, ws.id)) === 'synced/0', 'both synced');

    const waiting = new Map<string, () => void>();
    const arrived = new Set<string>();
    b.onEvent((event, payload) => {
      if (event !== 'messages.changed') return;
      for (const id of (payload as { messageIds: string[] }).messageIds) {
        arrived.add(id);
        waiting.get(id)?.();
      }
    });
    const samples: number[] = [];
    for (let n = 0; n < count + 5; n++) {
      const started = performance.now();
      const message = await call<{ id: string }>(a, 'message.post', { workspaceId: ws.id, roomId: room.id, text: `Ping ${n}: are we still on for the review?` });
      if (!arrived.has(message.id)) await new Promise<void>((resolve) => waiting.set(message.id, resolve));
      waiting.delete(message.id);
      // The first few warm up the sockets and the JIT.
      if (n >= 5) samples.push(performance.now() - started);
    }
    const onB = await call<{ messages: unknown[]; hasMoreBefore: boolean }>(b, 'message.list', { workspaceId: ws.id, roomId: room.id, limit: 200 });
    if (onB.messages.length !== Math.min(200, count + 5)) throw new Error(`B has ${onB.messages.length} messages`);
    return { p95Ms: percentile(samples, 95), p50Ms: percentile(samples, 50), maxMs: Math.max(...samples), messages: count };
  } finally {
    for (const core of cores) await core.close();
    await relay.close();
  }
}
