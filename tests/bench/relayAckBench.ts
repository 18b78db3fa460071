/**
 * `relay_ack_ms_p99`: a `qwanyx.v1` writer (raw protocol, as the app's sync
 * client speaks it) sends 1,000 small updates one at a time, each right after
 * the previous ack; the figure is the time from sending an update to the ack
 * saying it is durable (group commit to the relay's log on this disk), while
 * a stock reader on the same doc gets each update forwarded before that.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BEARER_PROTOCOL_PREFIX, QWANYX_PROTOCOL } from '../../src-main/common/relayWire';
import { readRelayFrame, writeStep1Frame, writeUpdateFrame } from '../../src-main/common/syncFrames';
import { percentile } from './percentile';
import { benchProvider, providerSynced, type BenchServer } from './relayBenchClients';

const ACK_UPDATES = 1000;
const ACK_WARMUP = 100;

/** A raw `qwanyx.v1` writer: resolves `ack(n)` once the relay says n of its messages are durable. */
export interface AckWriter {
  ws: WebSocket;
  durable: number;
  send(update: Uint8Array): void;
  acked(n: number): Promise<void>;
  close(): void;
}

/** Opens a `qwanyx.v1` writer on `docName` of `server` (whose wsBase ends with the workspace). */
export async function openAckWriter(wsBase: string, token: string, docName: string): Promise<AckWriter> {
  const ws = new WebSocket(`${wsBase}/${docName}`, [QWANYX_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`], { perMessageDeflate: false });
  let waiting: { n: number; resolve: () => void } | null = null;
  let synced: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (synced = resolve));
  const writer: AckWriter = {
    ws,
    durable: 0,
    send: (update) => ws.send(writeUpdateFrame(update)),
    acked: (n) => (writer.durable >= n ? Promise.resolve() : new Promise((resolve) => (waiting = { n, resolve }))),
    close: () => ws.terminate(),
  };
  ws.on('message', (data: Buffer) => {
    const frame = readRelayFrame(new Uint8Array(data));
    if (frame.kind === 'step2') synced();
    if (frame.kind !== 'ack') return;
    writer.durable = frame.durable;
    if (waiting && frame.durable >= waiting.n) {
      const { resolve } = waiting;
      waiting = null;
      resolve();
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(writeStep1Frame(Y.encodeStateVector(new Y.Doc())));
  await ready;
  return writer;
}

/** ms from sending an update to its durable ack, p50 and p99 over `updates` (1,000 unless told; after 100 of warm-up). */
export async function ackLatency(server: BenchServer, docName = 'room/bench-ack', updates = ACK_UPDATES): Promise<{ p50: number; p99: number }> {
  const reader = benchProvider(server, docName, new Y.Doc());
  await providerSynced(reader);
  const writer = await openAckWriter(server.wsBase, server.token, docName);
  const doc = new Y.Doc();
  let last: Uint8Array | null = null;
  doc.on('update', (update: Uint8Array) => (last = update));
  const samples: number[] = [];
  for (let i = 1; i <= ACK_WARMUP + updates; i++) {
    doc.getText('t').insert(i - 1, 'x');
    const start = performance.now();
    writer.send(last!);
    await writer.acked(i);
    if (i > ACK_WARMUP) samples.push(performance.now() - start);
  }
  writer.close();
  reader.destroy();
  reader.doc.destroy();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}
