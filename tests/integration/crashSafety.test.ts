/**
 * Crash safety of the Yjs log: a writer process is killed with SIGKILL at a
 * random moment, again and again on the same workspace, and every write it
 * acknowledged must survive, exactly once and in order, in a database that
 * passes SQLite's integrity check and loads to the same state every time.
 *
 * Replay a failure with QWANYX_CRASH_SEED=<seed> (the seed is in every message):
 * it replays the kill delays and the writers' choices of docs and edits; the
 * exact write a kill lands on still depends on the machine's speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openWorkspaceHandle, type WorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { CRASH_DOCS } from '../fixtures/crashWriter';
import { seededRandom } from '../fixtures/seededRandom';
import { makeTempDir } from '../fixtures/tempDir';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

const ROUNDS = 20;
const WORKSPACE_ID = 'crash-safety-ws';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WRITER = path.join(REPO_ROOT, 'tests/fixtures/crashWriter.ts');
const FIRST_ACK_TIMEOUT_MS = 20_000;

interface Ack {
  marker: number;
  docName: string;
}

/** What one load of one doc shows. */
interface LoadedState {
  log: number[];
  kv: Map<string, unknown>;
  update: Uint8Array;
  hasPending: boolean;
  /** Doc rebuilt from every stored row, ignoring the snapshot's upto_seq, compared with the loaded doc. */
  matchesRawRows: boolean;
}

let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

/** Starts the writer, kills it `killAfterMs` after its first ack, and returns every complete ack line it printed. */
function runWriterUntilKilled(dataDir: string, seed: number, firstMarker: number, killAfterMs: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, WORKSPACE_ID, String(seed), String(firstMarker)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (): boolean => proc.kill('SIGKILL');
    const noAckTimer = setTimeout(kill, FIRST_ACK_TIMEOUT_MS);
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (stderr += chunk));
    proc.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      // The last piece is an incomplete line (or ''): the writer may have died mid-line.
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ack (\d+) (\S+)$/.exec(line);
        if (!match) stderr += `unexpected stdout line: ${line}\n`;
        else acks.push({ marker: Number(match[1]), docName: match[2]! });
      }
      if (acks.length > 0 && !killTimer) {
        clearTimeout(noAckTimer);
        killTimer = setTimeout(kill, killAfterMs);
      }
    });
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(noAckTimer);
      clearTimeout(killTimer);
      child = undefined;
      if (signal !== 'SIGKILL' || stderr !== '' || acks.length === 0) {
        reject(new Error(`writer ended with code ${code}, signal ${signal}, ${acks.length} acks; stderr:\n${stderr}`));
      } else resolve(acks);
    });
  });
}

/** Opens the workspace as the app would after the crash, checks the file, and loads every doc. */
function loadWorkspace(dataDir: string): { integrity: unknown; docs: Map<string, LoadedState> } {
  const handle = openWorkspaceHandle(dataDir, WORKSPACE_ID, { schema: workspaceSchema, create: false, compactEvery: 0 });
  try {
    const integrity = handle.storage.db.pragma('integrity_check', { simple: true });
    const docs = new Map(CRASH_DOCS.map((name) => [name, loadDoc(handle, name)] as const));
    return { integrity, docs };
  } finally {
    handle.close();
  }
}

function loadDoc(handle: WorkspaceHandle, docName: string): LoadedState {
  const doc = handle.docs.doc(docName);
  const replay = replayRawRows(handle, docName);
  try {
    return {
      log: doc.getArray<number>('log').toArray(),
      kv: new Map(doc.getMap('kv').entries()),
      update: Y.encodeStateAsUpdate(doc),
      hasPending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
      matchesRawRows: sameContent(doc, replay),
    };
  } finally {
    replay.destroy();
  }
}

/** A doc built from the snapshot and every update row of `docName`, whatever upto_seq says. */
function replayRawRows(handle: WorkspaceHandle, docName: string): Y.Doc {
  const db = handle.storage.db;
  const snapshot = db.prepare('SELECT data FROM snapshots WHERE doc_id = ?').get(docName) as { data: Buffer } | undefined;
  const rows = db.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq').all(docName) as { data: Buffer }[];
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot.data);
  for (const row of rows) Y.applyUpdate(doc, row.data);
  return doc;
}

function sameContent(a: Y.Doc, b: Y.Doc): boolean {
  const json = (d: Y.Doc): string =>
    JSON.stringify([d.getMap('kv').toJSON(), d.getArray('log').toJSON(), d.getMap('scratch').toJSON()]);
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && json(a) === json(b);
}

/** First index where `log` does not strictly increase, or -1. */
function firstDisorder(log: readonly number[]): number {
  return log.findIndex((n, i) => i > 0 && n <= log[i - 1]!);
}

/** Checks the reopened workspace against the acks of the killed writer; returns the highest marker stored. */
function verifyAfterCrash(dataDir: string, acks: readonly Ack[], firstMarker: number, label: string): number {
  const misnumbered = acks.findIndex((a, i) => a.marker !== firstMarker + i);
  expect(misnumbered, `${label}: the writer's acks are not numbered ${firstMarker}, ${firstMarker + 1}, …`).toBe(-1);
  const first = loadWorkspace(dataDir);
  const second = loadWorkspace(dataDir);
  expect(first.integrity, `${label}: PRAGMA integrity_check`).toBe('ok');
  const stored = new Map<number, string>();
  for (const [docName, state] of first.docs) {
    const at = `${label}, doc ${docName}`;
    const disorder = firstDisorder(state.log);
    const around = state.log.slice(Math.max(0, disorder - 2), disorder + 2).join(', ');
    expect(disorder, `${at}: log has a duplicate or is out of order near [${around}]`).toBe(-1);
    const kvMismatch = state.log.filter((n) => state.kv.get(`k${n}`) !== n).slice(0, 10);
    expect(kvMismatch.length, `${at}: markers in log without their kv entry: ${kvMismatch.join(', ')}`).toBe(0);
    expect(state.kv.size, `${at}: kv entries without their log marker`).toBe(state.log.length);
    expect(state.hasPending, `${at}: updates with missing dependencies (a lost update in between)`).toBe(false);
    expect(state.matchesRawRows, `${at}: loaded doc differs from a replay of every stored row`).toBe(true);
    const again = second.docs.get(docName)!;
    expect(Buffer.from(again.update).equals(Buffer.from(state.update)), `${at}: second load gives other bytes`).toBe(true);
    for (const n of state.log) {
      expect(stored.has(n), `${at}: marker ${n} is stored in two docs`).toBe(false);
      stored.set(n, docName);
    }
  }
  const lost = acks.filter((a) => stored.get(a.marker) !== a.docName).slice(0, 10);
  expect(lost.length, `${label}: acknowledged writes missing after the crash: ${JSON.stringify(lost)}`).toBe(0);
  let highest = 0;
  for (const n of stored.keys()) highest = Math.max(highest, n);
  const gaps = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !stored.has(n)).slice(0, 10);
  expect(gaps.length, `${label}: markers missing below the highest stored one: ${gaps.join(', ')}`).toBe(0);
  // Writes are sequential: besides the acks, at most the one in flight at the kill may have been committed.
  const lastAck = acks.at(-1)!.marker;
  expect(highest, `${label}: markers stored beyond the write in flight`).toBeLessThanOrEqual(lastAck + 1);
  return highest;
}

describe('crash safety of the workspace Yjs log', () => {
  it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs of the writer`, async () => {
    const seed = Number(process.env.QWANYX_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32));
    const rng = seededRandom(seed);
    const dataDir = makeTempDir('qwanyx-crash-');
    let nextMarker = 1;
    let totalAcks = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const killAfterMs = rng.int(50, 600);
      const label = `seed ${seed} (QWANYX_CRASH_SEED=${seed}), round ${round}, kill after ${killAfterMs} ms`;
      const acks = await runWriterUntilKilled(dataDir, rng.int(0, 2 ** 31), nextMarker, killAfterMs);
      totalAcks += acks.length;
      nextMarker = verifyAfterCrash(dataDir, acks, nextMarker, label) + 1;
    }
    const handle = openWorkspaceHandle(dataDir, WORKSPACE_ID, { schema: workspaceSchema, create: false });
    try {
      const snapshots = handle.storage.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number };
      expect(snapshots.n, `seed ${seed}: the run never compacted, so it tested less than it claims`).toBe(CRASH_DOCS.length);
    } finally {
      handle.close();
    }
    console.info(`crash safety: seed ${seed}, ${ROUNDS} rounds, ${totalAcks} acknowledged writes`);
  });
});
