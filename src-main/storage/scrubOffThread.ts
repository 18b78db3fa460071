/**
 * A device's part of an erasure (docs/erasure.md) on a worker thread, on a
 * connection of its own to the workspace's file: on a workspace of a
 * million messages it takes tens of seconds, and the core's thread must
 * keep answering meanwhile.
 *
 * 1. Each doc's log is folded into a snapshot rebuilt from the stored
 *    snapshot and updates (so garbage-collected: what the erasure deleted is
 *    gone from it), with `secure_delete` on. The doc is read and rebuilt
 *    outside any lock; the swap is one short write transaction, made only if
 *    nobody folded that doc meanwhile (else it is read again); updates
 *    written after the read stay in the log after the new snapshot. So the
 *    core's writes go on, each waiting at most one swap.
 * 2. The full-text indexes are merged 64 pages (256 KB) per transaction
 *    (`merge` with a negative count: every segment into one, which drops
 *    the deleted rows' words), again short writes.
 * 3. `VACUUM` (pages freed earlier without secure_delete are dropped) and
 *    a TRUNCATE checkpoint of the WAL. VACUUM holds the file's write lock
 *    from start to end: the worker asks for it, `onExclusive` is called on
 *    the caller's thread (which then holds its writes rather than block on
 *    the lock), and only then does the VACUUM start; `onShared` is called
 *    once it is over. The report says how long it lasted.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteDb } from './openSqlite';

/** What the scrub did and how long each step took. */
export interface ScrubReport {
  docsRewritten: number;
  rewriteMs: number;
  ftsMergeMs: number;
  /** The VACUUM and checkpoint: the only time the file's write lock is held for long. */
  vacuumMs: number;
}

export interface ScrubOptions {
  nativeBinding?: string;
  /** Called just before the long exclusive step (VACUUM) starts. */
  onExclusive?: () => void;
  /** Called once the exclusive step has ended (also when it failed). */
  onShared?: () => void;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Y = require(workerData.yjs);
const Database = require(workerData.driver);
const PER_TRANSACTION = 1000;
const FTS_TABLES = ['messages_fts', 'memories_fts'];
const FTS_PAGES_PER_STEP = 64;
const SWAP_ATTEMPTS = 5;
let db = null;
try {
  db = new Database(workerData.file, Object.assign({ fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  db.pragma('busy_timeout = 30000');
  db.pragma('secure_delete = ON');
  const snapshotStmt = db.prepare('SELECT data, upto_seq AS uptoSeq FROM snapshots WHERE doc_id = ?');
  const snapshotSeqStmt = db.prepare('SELECT upto_seq FROM snapshots WHERE doc_id = ?').pluck();
  const updatesStmt = db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq');
  const upsertStmt = db.prepare('INSERT INTO snapshots (doc_id, data, state_vector, upto_seq) VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector, upto_seq = excluded.upto_seq');
  const deleteStmt = db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?');
  const read = db.transaction((name) => {
    const snap = snapshotStmt.get(name);
    return { snap, rows: updatesStmt.all(name, snap ? snap.uptoSeq : 0) };
  });
  const swap = db.transaction((name, fromSeq, state, vector, uptoSeq) => {
    if ((snapshotSeqStmt.get(name) ?? 0) !== fromSeq) return false;
    upsertStmt.run(name, state, vector, uptoSeq);
    deleteStmt.run(name, uptoSeq);
    return true;
  });
  // Copies this thread's writes from the WAL into the file here: otherwise the core's next commit would
  // run that checkpoint (SQLite's automatic one) on the core's thread.
  const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
  const rewrite = (name) => {
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
      const { snap, rows } = read.deferred(name);
      if (rows.length === 0) return false;
      const doc = new Y.Doc();
      let state, vector;
      try {
        if (snap) Y.applyUpdate(doc, snap.data);
        for (let start = 0; start < rows.length; start += PER_TRANSACTION) {
          Y.transact(doc, () => {
            for (let i = start; i < Math.min(start + PER_TRANSACTION, rows.length); i++) Y.applyUpdate(doc, rows[i].data);
          });
        }
        state = Y.encodeStateAsUpdate(doc);
        vector = Y.encodeStateVector(doc);
      } finally {
        doc.destroy();
      }
      if (swap.immediate(name, snap ? snap.uptoSeq : 0, state, vector, rows[rows.length - 1].seq)) {
        checkpoint();
        return true;
      }
    }
    throw new Error('the log of ' + name + ' was folded by another writer ' + SWAP_ATTEMPTS + ' times in a row');
  };
  let started = performance.now();
  let docsRewritten = 0;
  const names = db.prepare('SELECT doc_id FROM snapshots UNION SELECT DISTINCT doc_id FROM updates ORDER BY 1').pluck().all();
  for (const name of names) if (rewrite(name)) docsRewritten += 1;
  const rewriteMs = performance.now() - started;
  started = performance.now();
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  for (const table of FTS_TABLES) {
    if (!tables.has(table)) continue;
    const step = db.prepare('INSERT INTO ' + table + '(' + table + ', rank) VALUES (\\'merge\\', ?)');
    // A step that changes nothing means every segment is merged into one.
    for (;;) {
      const before = db.prepare('SELECT total_changes()').pluck().get();
      step.run(-FTS_PAGES_PER_STEP);
      checkpoint();
      if (db.prepare('SELECT total_changes()').pluck().get() - before <= 1) break;
    }
  }
  const ftsMergeMs = performance.now() - started;
  // The caller holds its writes before the lock is taken: a write of its already waiting on the lock would block its thread.
  const ready = new Int32Array(workerData.ready);
  parentPort.postMessage({ exclusive: true });
  if (Atomics.wait(ready, 0, 0, 60000) === 'timed-out') throw new Error('the core did not pause its writes for the VACUUM');
  started = performance.now();
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    parentPort.postMessage({ exclusive: false });
  }
  parentPort.postMessage({ report: { docsRewritten, rewriteMs, ftsMergeMs, vacuumMs: performance.now() - started } });
} catch (err) {
  parentPort.postMessage({ error: err && err.message ? err.message : String(err) });
} finally {
  if (db && db.open) db.close();
}
`;

/**
 * Scrubs the workspace database `db` is open on, on a worker thread (see the header); resolves with
 * what it did. Meanwhile `db` makes no automatic checkpoint: the worker copies the WAL into the file
 * itself, and a checkpoint of `db`'s would run on this thread and wait for the worker's.
 */
export async function scrubOffThread(db: SqliteDb, options: ScrubOptions = {}): Promise<ScrubReport> {
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return await scrubFile(db.name, options);
  } finally {
    // The workspace may have closed meanwhile (the worker's connection is its own).
    if (db.open) db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
}

function scrubFile(file: string, options: ScrubOptions): Promise<ScrubReport> {
  const requireHere = createRequire(import.meta.url);
  // Set to 1 once the caller holds its writes (onExclusive returned): the worker waits for it before VACUUM.
  const ready = new SharedArrayBuffer(4);
  const workerData = { driver: requireHere.resolve('better-sqlite3'), yjs: requireHere.resolve('yjs'), file, nativeBinding: options.nativeBinding ?? null, ready };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    let exclusive = false;
    let settled = false;
    const shared = (): void => {
      if (!exclusive) return;
      exclusive = false;
      options.onShared?.();
    };
    const settle = (fn: () => void): void => {
      shared();
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (message: { exclusive?: boolean; report?: ScrubReport; error?: string }) => {
      if (message.exclusive === true) {
        exclusive = true;
        try {
          options.onExclusive?.();
        } finally {
          const flag = new Int32Array(ready);
          Atomics.store(flag, 0, 1);
          Atomics.notify(flag, 0);
        }
      } else if (message.exclusive === false) shared();
      else if (message.report) settle(() => resolve(message.report!));
      else settle(() => reject(new Error(`Scrubbing the workspace file failed: ${message.error ?? 'unknown error'}`)));
    });
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`Scrubbing the workspace file stopped early (exit code ${code})`))));
  });
}
