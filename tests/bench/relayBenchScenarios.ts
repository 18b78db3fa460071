/**
 * The scenarios of the relay benchmark (see relayBench.ts), each run against
 * one bench server with the same clients whichever server it is.
 */
import path from 'node:path';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqliteDocPersistence } from '../../sync-server/storage/SqliteDocPersistence';
import { percentile } from './percentile';
import { benchProvider, CountingWebSocket, openRawPeers, providerSynced, type BenchServer } from './relayBenchClients';
import { openTcpObserver } from './relayBenchObserver';
import { withTempDataDir } from './withTempDataDir';

const PROPAGATION_UPDATES = 1000;
const PROPAGATION_WARMUP = 100;
/**
 * Updates a fresh server takes, unmeasured, before its measured rounds. A
 * relay serves for days; its first few thousand updates after a start run
 * code the JIT has not optimized yet (ours: the policy, the batcher, the
 * commit thread; on this machine its CPU per update falls from ~470 to ~60 µs
 * over the first 4,000), and so does the benchmark's own client. Both servers
 * of a comparison get the same warm-up; what it measured is reported too.
 */
export const SERVER_WARMUP_UPDATES = 10_000;
/** Observers of the fan-out scenario. */
export const FANOUT_OBSERVERS = 500;
const FANOUT_UPDATES = 200;
const FANOUT_ROUNDS = 5;
const IDLE_WARMUP = 1000;
const IDLE_CONNECTIONS = 3000;
const DOCS_WARMUP = 100;
const DOCS = 500;
const RESYNC_BEFORE = 2000;
const RESYNC_MISSED = 100;

/** Destroys a provider and its doc (the doc's awareness holds a timer that would keep the process alive). */
function close(provider: WebsocketProvider): void {
  provider.destroy();
  provider.doc.destroy();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(1);
  }
}

/** One small edit of a bench writer: a character typed, or (`audit`) one new entry, as the client records one. */
export type BenchEdit = (doc: Y.Doc, i: number) => void;

const typeOne: BenchEdit = (doc) => {
  const text = doc.getText('t');
  text.insert(text.length, 'x');
};

/** The member id bench entries name as their writer (bound to the bench account by its first write). */
export const BENCH_AUDIT_AUTHOR = 'bench-member';

/**
 * Appends one audit entry as the client records one (a new key, a plain
 * value, signed: writer, device, place in the chain and signature; the
 * device published with the writer's first entry): the write the audit
 * doc's policy checks. The relay does not check signatures, so a fixed one will do.
 */
export const appendAuditEntry: BenchEdit = (doc, i) => {
  const id = `${doc.clientID}-${i}`;
  const device = `bench-device-${doc.clientID}`;
  doc.transact(() => {
    const devices = doc.getMap('devices');
    if (!devices.has(device)) devices.set(device, { user: BENCH_AUDIT_AUTHOR, publicKey: 'A'.repeat(43), at: 1_700_000_000_000 });
    doc.getMap('entries').set(id, {
      id,
      at: 1_700_000_000_000 + i,
      actorKind: 'dh',
      actorId: 'dh1',
      onBehalfOf: null,
      action: 'agent.reply',
      resource: 'room/r1',
      outcome: 'allowed',
      detail: '',
      by: BENCH_AUDIT_AUTHOR,
      device,
      seq: i + 1,
      prev: '0'.repeat(64),
      sig: 'A'.repeat(86),
    });
  });
};

/**
 * One writer, one reader (stock providers; the reader on `readerServer`, another node, when given): ms from the writer's
 * edit to the reader's update event, per update; `serverCpuUs`: the writer's server process's CPU µs per update meanwhile
 * (warm-up included, every thread: ours commits on a thread of its own).
 */
export async function propagation(server: BenchServer, docName: string, edit: BenchEdit = typeOne, updates = PROPAGATION_UPDATES, readerServer = server): Promise<{ p50: number; p99: number; samples: number[]; serverCpuUs: number }> {
  const writer = benchProvider(server, docName, new Y.Doc());
  const reader = benchProvider(readerServer, docName, new Y.Doc());
  await Promise.all([providerSynced(writer), providerSynced(reader)]);
  const samples: number[] = [];
  let arrived: () => void = () => undefined;
  reader.doc.on('update', () => arrived());
  const cpuBefore = await server.cpuMicros();
  for (let i = 0; i < PROPAGATION_WARMUP + updates; i++) {
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const start = performance.now();
    edit(writer.doc, i);
    await received;
    if (i >= PROPAGATION_WARMUP) samples.push(performance.now() - start);
  }
  const serverCpuUs = ((await server.cpuMicros()) - cpuBefore) / (PROPAGATION_WARMUP + updates);
  close(writer);
  close(reader);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples, serverCpuUs };
}

/**
 * Warms a fresh server up (SERVER_WARMUP_UPDATES propagated one at a time, as
 * the measured rounds do, with the scenario's own edit) and returns what that
 * cold stretch measured, for the report.
 */
export async function warmUp(server: BenchServer, docName: string, edit: BenchEdit = typeOne): Promise<{ p50: number; p99: number; serverCpuUs: number }> {
  const { p50, p99, serverCpuUs } = await propagation(server, docName, edit, SERVER_WARMUP_UPDATES);
  return { p50, p99, serverCpuUs };
}

/** A stock writer's bursts to 500 raw observers: wall and server-CPU µs per update per observer (median burst). */
export async function fanout(server: BenchServer, docName = 'room/bench-fanout', edit: BenchEdit = typeOne): Promise<{ wallUs: number; serverCpuUs: number }> {
  const { port, pathname } = new URL(`${server.wsBase}/${docName}`);
  const observers = Array.from({ length: FANOUT_OBSERVERS }, () => openTcpObserver(Number(port), pathname, server.token));
  await Promise.all(observers.map((o) => o.synced));
  const writer = benchProvider(server, docName, new Y.Doc());
  await providerSynced(writer);
  let edits = 0;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < FANOUT_ROUNDS; round++) {
    const target = observers.map((o) => o.updates + FANOUT_UPDATES);
    const cpuBefore = await server.cpuMicros();
    const start = performance.now();
    for (let i = 0; i < FANOUT_UPDATES; i++) edit(writer.doc, edits++);
    await until(() => observers.every((o, i) => o.updates >= target[i]!), 60_000, 'fan-out');
    const elapsed = performance.now() - start;
    cpu.push(((await server.cpuMicros()) - cpuBefore) / (FANOUT_UPDATES * FANOUT_OBSERVERS));
    wall.push((elapsed * 1000) / (FANOUT_UPDATES * FANOUT_OBSERVERS));
  }
  close(writer);
  for (const o of observers) o.close();
  return { wallUs: percentile(wall, 50), serverCpuUs: percentile(cpu, 50) };
}

/**
 * Memory is read as a slope: after a first batch (which pays one-off costs:
 * heap and allocator growth, JIT) and after the measured batch.
 */
export async function idleConnectionMemory(server: BenchServer): Promise<{ mbPerConn: number; heapMbPerConn: number }> {
  const warm = await openRawPeers(server, IDLE_WARMUP, () => 'room/bench-idle');
  await sleep(300);
  const before = await server.memory();
  const peers = await openRawPeers(server, IDLE_CONNECTIONS, () => 'room/bench-idle');
  await sleep(300);
  const after = await server.memory();
  for (const p of [...warm, ...peers]) p.close();
  return {
    mbPerConn: (after.rss - before.rss) / 2 ** 20 / IDLE_CONNECTIONS,
    heapMbPerConn: (after.heapUsed + after.external - before.heapUsed - before.external) / 2 ** 20 / IDLE_CONNECTIONS,
  };
}

/** Server memory per doc of ~1 KB (one connection each), as a slope after a warm-up batch. */
export async function docMemory(server: BenchServer): Promise<{ mbPerDoc: number; heapMbPerDoc: number }> {
  // A doc of ~1 KB in ~20 edits: a small room.
  const content = new Y.Doc();
  const messages = content.getArray<{ text: string; at: number }>('messages');
  for (let i = 0; i < 20; i++) messages.push([{ text: `message ${i} `.padEnd(40, '.'), at: 1_700_000_000_000 + i }]);
  const update = Y.encodeStateAsUpdate(content);
  const frame = new Uint8Array([0, 2, ...varUint(update.length), ...update]);
  const warm = await openRawPeers(server, DOCS_WARMUP, (i) => `room/bench-warm-${i}`);
  for (const p of warm) p.ws.send(frame);
  await sleep(500);
  const before = await server.memory();
  const peers = await openRawPeers(server, DOCS, (i) => `room/bench-doc-${i}`);
  for (const p of peers) p.ws.send(frame);
  await sleep(500);
  const after = await server.memory();
  for (const p of [...warm, ...peers]) p.close();
  return {
    mbPerDoc: (after.rss - before.rss) / 2 ** 20 / DOCS,
    heapMbPerDoc: (after.heapUsed + after.external - before.heapUsed - before.external) / 2 ** 20 / DOCS,
  };
}

/** Bytes the server sends a reader that missed k updates, over the bytes of those updates. */
export async function resync(server: BenchServer): Promise<{ ratio: number; bytes: number; missedBytes: number }> {
  const writer = benchProvider(server, 'room/bench-resync', new Y.Doc());
  const reader = benchProvider(server, 'room/bench-resync', new Y.Doc());
  await Promise.all([providerSynced(writer), providerSynced(reader)]);
  const text = writer.doc.getText('t');
  for (let i = 0; i < RESYNC_BEFORE; i++) text.insert(text.length, `word${i} `);
  await until(() => reader.doc.getText('t').length === text.length, 30_000, 'reader to catch up');
  reader.disconnect();
  let missedBytes = 0;
  const count = (u: Uint8Array): void => {
    missedBytes += u.length;
  };
  writer.doc.on('update', count);
  for (let i = 0; i < RESYNC_MISSED; i++) text.insert(i * 3, 'zz ');
  writer.doc.off('update', count);
  // Let the server take every missed update before the reader comes back.
  await sleep(300);
  const before = CountingWebSocket.received;
  reader.connect();
  await providerSynced(reader);
  await until(() => reader.doc.getText('t').toString() === text.toString(), 10_000, 'reader to resync');
  await sleep(100);
  const bytes = CountingWebSocket.received - before;
  close(writer);
  close(reader);
  return { ratio: bytes / missedBytes, bytes, missedBytes };
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** Appends with a 1 ms pause between them, as the propagation benchmark does: the floor under our propagation time. */
export async function durableCommit(): Promise<{ p50: number; p99: number }> {
  return withTempDataDir('relay-commit', async (dataDir) => {
    const store = new SqliteDocPersistence(path.join(dataDir, 'docs.db'));
    const samples: number[] = [];
    const key = { workspaceId: 'bench-workspace-01', docName: 'commit' };
    for (let i = 0; i < 500; i++) {
      await sleep(1);
      const start = performance.now();
      await store.appendUpdates([{ key, update: new Uint8Array(24).fill(i & 255) }]);
      samples.push(performance.now() - start);
    }
    await store.close();
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  });
}

