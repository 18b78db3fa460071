/**
 * Clients of the relay benchmark, the same for our relay and the reference:
 * stock y-websocket providers over `ws` (with a socket that counts the bytes
 * it receives), and raw protocol peers that do the stock handshake and then
 * only count frames (for fan-out and idle-connection figures, so the figures
 * measure the server rather than 500 clients applying updates).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/** Workspace every benchmark doc lives in. */
export const BENCH_WORKSPACE = 'bench-workspace-01';

/** Memory of a bench server after a forced GC. */
export interface BenchMemory {
  rss: number;
  heapUsed: number;
  external: number;
}

/** Our relay, ours with the write policies off, or the reference server. */
export type BenchServerKind = 'ours' | 'ours-nopolicy' | 'ref';

/** A running bench server (child process). */
export interface BenchServer {
  kind: BenchServerKind;
  /** The server's process id. */
  pid: number;
  /** `ws://127.0.0.1:<port>/v1/ws/<workspace>`: append `/<docName>`. */
  wsBase: string;
  token: string;
  memory(): Promise<BenchMemory>;
  /** CPU time used by the server process so far, in µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'relayBenchServer.ts');

/** Starts our relay or the reference server in a child process (`env`: e.g. RELAY_DATABASE_URL and RELAY_REDIS_URL for a cluster node). */
export function spawnBenchServer(kind: BenchServerKind, dataDir: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const child: ChildProcess = fork(SERVER, [kind, dataDir], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  let nextId = 0;
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const id = ++nextId;
      const onMessage = (message: { type: string; id?: number; value: T }): void => {
        if (message.id !== id) return;
        child.off('message', onMessage);
        resolve(message.value);
      };
      child.on('message', onMessage);
      child.send({ type, id });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
    child.on('message', (message: { type: string; port?: number; token?: string }) => {
      if (message.type !== 'ready') return;
      resolve({
        kind,
        pid: child.pid!,
        wsBase: `ws://127.0.0.1:${message.port}/v1/ws/${BENCH_WORKSPACE}`,
        token: message.token ?? '',
        memory: () => ask<BenchMemory>('mem'),
        cpuMicros: async () => {
          const cpu = await ask<{ user: number; system: number }>('cpu');
          return cpu.user + cpu.system;
        },
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

/** A `ws` WebSocket that counts the payload bytes it receives. */
export class CountingWebSocket extends WebSocket {
  static received = 0;

  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    // The provider switches binaryType to 'arraybuffer' after construction.
    this.on('message', (data: Buffer | ArrayBuffer) => {
      CountingWebSocket.received += data.byteLength;
    });
  }
}

/** A stock provider for `docName` on `server` (bytes it receives are counted in CountingWebSocket.received). */
export function benchProvider(server: BenchServer, docName: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(server.wsBase, docName, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    protocols: [`bearer.${server.token}`],
    disableBc: true,
  });
}

/** Resolves once `provider` has synced. */
export async function providerSynced(provider: WebsocketProvider): Promise<void> {
  while (!provider.synced) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** A raw peer: the stock handshake (step 1, then step 2 of an empty doc), then it only counts update frames. */
export interface RawPeer {
  ws: WebSocket;
  updates: number;
  synced: Promise<void>;
  close(): void;
}

const EMPTY_STEP1 = Uint8Array.of(0, 0, 1, 0);
const EMPTY_STEP2 = Uint8Array.of(0, 1, 2, 0, 0);
// A stock client's first awareness message: its `{}` state at clock 0.
const EMPTY_AWARENESS = Uint8Array.of(1, 6, 1, 1, 0, 2, 123, 125);

/** Opens a raw peer on `docName`; `synced` resolves when the server answered its step 1. */
export function openRawPeer(server: BenchServer, docName: string): RawPeer {
  const ws = new WebSocket(`${server.wsBase}/${docName}`, [`bearer.${server.token}`], { perMessageDeflate: false });
  let markSynced: () => void = () => undefined;
  const peer: RawPeer = {
    ws,
    updates: 0,
    synced: new Promise((resolve) => (markSynced = resolve)),
    close: () => ws.terminate(),
  };
  ws.on('open', () => {
    ws.send(EMPTY_STEP1);
    ws.send(EMPTY_AWARENESS);
  });
  ws.on('message', (data: Buffer) => {
    if (data[0] !== 0) return;
    if (data[1] === 2) peer.updates += 1;
    else if (data[1] === 1) markSynced();
    else if (data[1] === 0) ws.send(EMPTY_STEP2);
  });
  ws.on('error', () => undefined);
  return peer;
}

/** Opens `count` raw peers on `docName(i)`, `batch` at a time, and waits until all synced. */
export async function openRawPeers(server: BenchServer, count: number, docName: (i: number) => string, batch = 200): Promise<RawPeer[]> {
  const peers: RawPeer[] = [];
  for (let start = 0; start < count; start += batch) {
    const group = Array.from({ length: Math.min(batch, count - start) }, (_, j) => openRawPeer(server, docName(start + j)));
    await Promise.all(group.map((p) => p.synced));
    peers.push(...group);
  }
  return peers;
}
