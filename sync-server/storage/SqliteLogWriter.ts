/**
 * The writes of the SQLite doc log (format: SqliteDocPersistence.ts), on a
 * worker thread with a connection of its own: a commit waits for an fsync
 * (synchronous=FULL), and the thread that serves sockets must keep
 * forwarding updates meanwhile, not wait for the disk. Each `append` is one
 * transaction (the group commit of UpdateBatcher), one row per doc
 * (updateRowFormat.ts); `replaceSnapshot` is the
 * write half of a compaction; `rewrite` and `scrub` are those of an erasure. Jobs run in order; each answer says committed
 * or the error (nothing of a failed job is stored). Reads stay on the
 * caller's connection: WAL lets them run beside the writer, and a read
 * started after an append resolved sees it.
 *
 * An append crosses to the worker packed (packAppends.ts): the updates'
 * bytes in one transferred buffer, and one small table of the doc and writer
 * names they use. Cloning a group of a hundred small updates as a hundred
 * objects cost the serving thread ~70 µs (p99 over 300 µs) per commit.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DocAppend, DocKey } from '../persistence/DocPersistence';
import { packAppends } from './packAppends';
import { UPDATE_ROW_JS } from './updateRowFormat';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
${UPDATE_ROW_JS}
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
const stmts = {
  findDoc: db.prepare('SELECT id FROM docs WHERE workspace_id = ? AND doc_name = ?').pluck(),
  insertDoc: db.prepare('INSERT INTO docs (workspace_id, doc_name) VALUES (?, ?)'),
  insertUpdate: db.prepare('INSERT INTO updates (doc_id, data, parts) VALUES (?, ?, ?)'),
  addWriterBytes: db.prepare('INSERT INTO writer_bytes (workspace_id, user_id, bytes) VALUES (?, ?, ?) ON CONFLICT (workspace_id, user_id) DO UPDATE SET bytes = bytes + excluded.bytes'),
  snapshotSeq: db.prepare('SELECT upto_seq FROM snapshots WHERE doc_id = ?').pluck(),
  upsertSnapshot: db.prepare('INSERT INTO snapshots (doc_id, data, upto_seq) VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq'),
  deleteUpto: db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
  maxSeq: db.prepare('SELECT MAX(seq) FROM updates WHERE doc_id = ?').pluck(),
};
const ids = new Map();
function docId(workspaceId, docName) {
  const key = workspaceId + '\\u0000' + docName;
  let id = ids.get(key);
  if (id !== undefined) return id;
  id = stmts.findDoc.get(workspaceId, docName);
  if (id === undefined) id = Number(stmts.insertDoc.run(workspaceId, docName).lastInsertRowid);
  if (ids.size >= 50000) ids.clear();
  ids.set(key, id);
  return id;
}
const append = db.transaction((job) => {
  // The packing of packAppends.ts: per update, [doc index, writer index (-1: none), byte length]; bytes back to back.
  const { names, rows, bytes } = job;
  const docParts = new Map();
  // One writer-bytes upsert per writer and workspace of the group, not one per update.
  const writers = new Map();
  let offset = 0;
  for (let r = 0; r < rows.length; r += 3) {
    const doc = rows[r], writer = rows[r + 1], length = rows[r + 2];
    const part = bytes.subarray(offset, offset + length);
    offset += length;
    if (docParts.has(doc)) docParts.get(doc).push(part);
    else docParts.set(doc, [part]);
    if (writer < 0) continue;
    const workspaceId = names.docs[doc * 2];
    const key = workspaceId + '\\u0000' + names.writers[writer];
    const w = writers.get(key);
    if (w) w.bytes += length;
    else writers.set(key, { workspaceId, userId: names.writers[writer], bytes: length });
  }
  // One row per doc of the group (updateRowFormat.ts).
  for (const [doc, parts] of docParts) {
    const id = docId(names.docs[doc * 2], names.docs[doc * 2 + 1]);
    stmts.insertUpdate.run(id, parts.length === 1 ? parts[0] : joinUpdateRow(parts), parts.length);
  }
  for (const w of writers.values()) stmts.addWriterBytes.run(w.workspaceId, w.userId, w.bytes);
});
const replace = db.transaction((job) => {
  if ((stmts.snapshotSeq.get(job.docId) ?? 0) !== job.expectedSeq) return false;
  stmts.upsertSnapshot.run(job.docId, job.merged, job.uptoSeq);
  stmts.deleteUpto.run(job.docId, job.uptoSeq);
  return true;
});
const rewrite = db.transaction((job) => {
  const id = docId(job.workspaceId, job.docName);
  const upto = stmts.maxSeq.get(id) ?? stmts.snapshotSeq.get(id) ?? 0;
  stmts.upsertSnapshot.run(id, job.state, upto);
  stmts.deleteUpto.run(id, upto);
  return true;
});
const dropDocs = db.prepare('SELECT id FROM docs WHERE workspace_id = ?').pluck();
const dropUpdates = db.prepare('DELETE FROM updates WHERE doc_id = ?');
const dropSnapshot = db.prepare('DELETE FROM snapshots WHERE doc_id = ?');
const dropDoc = db.prepare('DELETE FROM docs WHERE id = ?');
const dropWriters = db.prepare('DELETE FROM writer_bytes WHERE workspace_id = ?');
const drop = db.transaction((job) => {
  const docIds = dropDocs.all(job.workspaceId);
  for (const id of docIds) {
    dropUpdates.run(id);
    dropSnapshot.run(id);
    dropDoc.run(id);
  }
  dropWriters.run(job.workspaceId);
  // Doc ids of the workspace are gone: a later write (none is expected) makes new rows.
  ids.clear();
  return docIds.length;
});
function scrub() {
  // Rows deleted before (compactions, without secure_delete) may have left their bytes in free pages: rebuild the file.
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return true;
}
parentPort.on('message', (job) => {
  if (job.op === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const result = job.op === 'append' ? append.immediate(job) : job.op === 'rewrite' ? rewrite.immediate(job) : job.op === 'scrub' ? scrub() : job.op === 'drop' ? drop.immediate(job) : replace.immediate(job);
    parentPort.postMessage({ id: job.id, result: result === undefined ? true : result });
  } catch (err) {
    // A rolled-back insert may have created a doc row whose id is now unknown to the file.
    ids.clear();
    parentPort.postMessage({ id: job.id, error: err && err.message ? err.message : String(err) });
  }
});
`;

interface Pending {
  resolve(result: boolean): void;
  reject(err: Error): void;
}

export class SqliteLogWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  /** Starts the writer on the (already migrated) database at `path`. */
  constructor(path: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path } });
    this.worker.unref();
    this.worker.on('message', (reply: { id: number; result?: boolean; error?: string }) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.error === undefined) job.resolve(reply.result ?? true);
      else job.reject(new Error(`the doc log refused the write: ${reply.error}`));
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        this.failure ??= new Error(`the doc log writer stopped (exit code ${code})`);
        for (const job of this.pending.values()) job.reject(this.failure);
        this.pending.clear();
        resolve();
      });
    });
    this.worker.on('error', (err) => {
      this.failure = new Error(`the doc log writer failed: ${err.message}`);
    });
  }

  /** Appends `appends` in one transaction; resolves once committed (fsync done). */
  async append(appends: readonly DocAppend[]): Promise<void> {
    const packed = packAppends(appends);
    await this.run({ op: 'append', ...packed }, [packed.rows.buffer, packed.bytes.buffer]);
  }

  /**
   * Replaces the snapshot of doc `docId` with `merged` (covering updates up to `uptoSeq`) and
   * deletes those updates, if its snapshot still covers `expectedSeq` (0: none); false otherwise.
   */
  replaceSnapshot(docId: number, merged: Uint8Array, uptoSeq: number, expectedSeq: number): Promise<boolean> {
    return this.run({ op: 'replace', docId, merged, uptoSeq, expectedSeq });
  }

  /**
   * Replaces the snapshot of doc `key` with `state` and deletes every update of it (erasure:
   * docs/erasure.md; `scrub` then removes the freed bytes from the file).
   */
  async rewrite(key: DocKey, state: Uint8Array): Promise<void> {
    await this.run({ op: 'rewrite', workspaceId: key.workspaceId, docName: key.docName, state });
  }

  /** Deletes every doc row of `workspaceId` and its writer counts in one transaction (the workspace was erased); resolves with the docs deleted. */
  async dropWorkspace(workspaceId: string): Promise<number> {
    const docs: unknown = await this.run({ op: 'drop', workspaceId });
    return typeof docs === 'number' ? docs : 0;
  }

  /** VACUUM (the file is rebuilt from live rows only), then checkpoint and truncate the WAL: freed bytes leave the files. */
  async scrub(): Promise<void> {
    await this.run({ op: 'scrub' });
  }

  /** Closes the writer's connection once the jobs sent before are done. */
  async close(): Promise<void> {
    this.failure ??= new Error('the doc log is closed');
    // Held until the worker has closed its connection and exited.
    this.worker.ref();
    this.worker.postMessage({ op: 'close' });
    await this.exited;
  }

  private run(job: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<boolean> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A job under way keeps the process alive; an idle writer does not.
      this.worker.ref();
      this.worker.postMessage({ ...job, id }, transfer);
    });
  }
}
