/**
 * Merges a doc's snapshot and log into one Yjs v1 update on a worker thread:
 * compacting a big doc costs as much as loading it, and the thread that
 * serves sockets must keep forwarding meanwhile. One worker per process,
 * started on first use and kept (unref'd, so it never holds the process
 * open); jobs run one after the other. The worker applies every update in
 * one transaction (far faster than `Y.mergeUpdates` on long logs) and sends
 * back `Y.encodeStateAsUpdate` of the result.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { UPDATE_ROW_JS } from './updateRowFormat';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
${UPDATE_ROW_JS}
const dbs = new Map();
function merge(snapshot, updates) {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
function unpack(packed, lengths) {
  const out = [];
  let at = 0;
  for (const length of lengths) {
    out.push(packed.subarray(at, at + length));
    at += length;
  }
  return out;
}
// The SQLite doc log (SqliteDocPersistence.ts), read on a read-only connection of this thread's own.
function readSqliteLog(path, docId) {
  let db = dbs.get(path);
  if (!db) {
    const Database = require(workerData.driver);
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    dbs.set(path, db);
  }
  return db.transaction(() => {
    const snap = db.prepare('SELECT data, upto_seq AS seq FROM snapshots WHERE doc_id = ?').get(docId);
    const rows = db.prepare('SELECT seq, data, parts FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq').all(docId, snap ? snap.seq : 0);
    return { snap, rows };
  }).deferred();
}
parentPort.on('message', (job) => {
  try {
    if (job.closeSqlite) {
      dbs.get(job.closeSqlite)?.close();
      dbs.delete(job.closeSqlite);
      parentPort.postMessage({ id: job.id, merged: null });
      return;
    }
    if (job.sqlite) {
      const { snap, rows } = readSqliteLog(job.sqlite.path, job.sqlite.docId);
      if (rows.length === 0) return parentPort.postMessage({ id: job.id, merged: null });
      // A row holds one doc's updates of one group commit (updateRowFormat.ts).
      const updates = [];
      for (const row of rows) for (const update of splitUpdateRow(row.data, row.parts)) updates.push(update);
      const merged = merge(snap ? snap.data : null, updates);
      const meta = { count: updates.length, uptoSeq: rows[rows.length - 1].seq, expectedSeq: snap ? snap.seq : 0 };
      return parentPort.postMessage({ id: job.id, merged, meta }, [merged.buffer]);
    }
    const merged = merge(job.snapshot, unpack(job.packed, job.lengths));
    parentPort.postMessage({ id: job.id, merged }, [merged.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: err && err.message ? err.message : String(err) });
  }
});
`;

/** What merging a SQLite doc log gave: the merged update and which rows it covers. */
export interface SqliteLogMerge {
  merged: Uint8Array;
  /** Updates merged. */
  count: number;
  /** Seq of the last update merged. */
  uptoSeq: number;
  /** The snapshot's `upto_seq` the merge started from (0: none). */
  expectedSeq: number;
}

interface Reply {
  id: number;
  merged?: Uint8Array | null;
  meta?: Omit<SqliteLogMerge, 'merged'>;
  error?: string;
}

interface Job {
  resolve(reply: Reply): void;
  reject(err: Error): void;
}

let worker: Worker | null = null;
let nextId = 0;
const jobs = new Map<number, Job>();

function startWorker(): Worker {
  const require = createRequire(import.meta.url);
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs: require.resolve('yjs'), driver: require.resolve('better-sqlite3') } });
  started.unref();
  started.on('message', (reply: Reply) => {
    const job = jobs.get(reply.id);
    if (!job) return;
    jobs.delete(reply.id);
    if (jobs.size === 0) started.unref();
    if (reply.error === undefined) job.resolve(reply);
    else job.reject(new Error(`merging the doc's log failed: ${reply.error}`));
  });
  const failAll = (err: Error): void => {
    worker = null;
    for (const job of jobs.values()) job.reject(err);
    jobs.clear();
  };
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`the merge worker stopped (exit code ${code})`)));
  return started;
}

/** Sends `job` to the worker (started on first use); a job under way keeps the process alive, the idle worker does not. */
function post(job: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> {
  worker ??= startWorker();
  const running = worker;
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    running.ref();
    running.postMessage({ ...job, id }, transfer);
  });
}

/** `snapshot` (or nothing) and `updates` merged into one v1 update, computed off the calling thread. */
export async function mergeUpdatesOffThread(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Uint8Array> {
  // One buffer moved to the worker, not thousands of small ones cloned: a long log would stall this thread.
  let total = 0;
  for (const update of updates) total += update.length;
  const packed = new Uint8Array(total);
  const lengths = new Uint32Array(updates.length);
  let at = 0;
  updates.forEach((update, i) => {
    packed.set(update, at);
    at += update.length;
    lengths[i] = update.length;
  });
  const reply = await post({ snapshot, packed, lengths }, [packed.buffer, lengths.buffer]);
  return reply.merged!;
}

/**
 * Reads doc `docId`'s snapshot and later updates from the SQLite log at `path` (a read-only
 * connection of the worker's own) and merges them there: nothing of a long log crosses this
 * thread. Null when the doc has no update after its snapshot.
 */
export async function mergeSqliteLogOffThread(path: string, docId: number): Promise<SqliteLogMerge | null> {
  const reply = await post({ sqlite: { path, docId } });
  return reply.merged && reply.meta ? { merged: reply.merged, ...reply.meta } : null;
}

/** Closes the worker's read connection to the SQLite log at `path` (when its store closes). */
export async function closeSqliteLogOffThread(path: string): Promise<void> {
  if (worker) await post({ closeSqlite: path });
}
