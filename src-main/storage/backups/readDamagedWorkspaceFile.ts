/**
 * What can still be read of a damaged workspace file: for each doc, its
 * snapshot row and its update rows (the Yjs log, see `UpdateLog`), and the
 * local changes the relay had not acknowledged (`sync_pending`). Each table
 * is read row by row, broken pages skipped (`readTableTolerantly`).
 *
 * The damaged file itself is never opened: a copy of it (with its `-wal`) in
 * a folder of its own is, because opening a file in WAL mode may recover or
 * checkpoint its log, which writes. The copy is removed after. Nothing read
 * is trusted: a row whose columns are not of their type is dropped here, and
 * every update is decoded before it is used (`mergeReadableDoc`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite, type SqliteDb } from '../openSqlite';
import { readTableTolerantly } from './readTableTolerantly';

/** The rows of one doc that could be read. */
export interface ReadableDoc {
  docName: string;
  snapshot: { data: Uint8Array; uptoSeq: number } | null;
  updates: { seq: number; data: Uint8Array }[];
}

/** Everything readable of a damaged workspace file. */
export interface DamagedFileContents {
  docs: Map<string, ReadableDoc>;
  /** Local changes not yet acknowledged by the relay, or null when that table could not be read at all. */
  pending: { docName: string; seq: number }[] | null;
  /** Rows read, and reads that failed (broken pages skipped). */
  rowsRead: number;
  failures: number;
  /** Why nothing could be read (the file is empty, foreign, or its schema unreadable), else null. */
  unreadable: string | null;
}

/** Reads what it can of the workspace database at `file` (and its `-wal`), without touching them. */
export function readDamagedWorkspaceFile(file: string, nativeBinding?: string): DamagedFileContents {
  const empty: DamagedFileContents = { docs: new Map(), pending: null, rowsRead: 0, failures: 0, unreadable: null };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-recover-'));
  try {
    const copy = path.join(dir, 'workspace.db');
    try {
      fs.copyFileSync(file, copy);
    } catch {
      return { ...empty, unreadable: 'the database file is missing' };
    }
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    let db: SqliteDb;
    try {
      db = openSqlite(copy, nativeBinding ? { nativeBinding } : {});
      db.pragma('cell_size_check = ON');
      db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
    } catch (err) {
      return { ...empty, unreadable: `the file cannot be opened as a database (${err instanceof Error ? err.message : String(err)})` };
    }
    try {
      return readContents(db);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readContents(db: SqliteDb): DamagedFileContents {
  const docs = new Map<string, ReadableDoc>();
  const docOf = (docName: string): ReadableDoc => {
    let doc = docs.get(docName);
    if (!doc) docs.set(docName, (doc = { docName, snapshot: null, updates: [] }));
    return doc;
  };
  let failures = 0;
  let rowsRead = 0;
  let unreadable: string | null = null;

  const snapshots = safely(() => readTableTolerantly(db, 'snapshots', 'doc_id, data, upto_seq', (r) =>
    typeof r.doc_id === 'string' && r.data instanceof Uint8Array && typeof r.upto_seq === 'number'
      ? { docName: r.doc_id, data: new Uint8Array(r.data), uptoSeq: r.upto_seq }
      : null,
  ));
  const updates = safely(() => readTableTolerantly(db, 'updates', 'doc_id, data', (r) =>
    typeof r.doc_id === 'string' && r.data instanceof Uint8Array ? { docName: r.doc_id, seq: Number(r._rowid), data: new Uint8Array(r.data) } : null,
  ));
  if (!snapshots && !updates) unreadable = 'the file holds no readable workspace log (it may be another kind of file)';
  for (const s of snapshots?.rows ?? []) docOf(s.docName).snapshot = { data: s.data, uptoSeq: s.uptoSeq };
  for (const u of updates?.rows ?? []) docOf(u.docName).updates.push({ seq: u.seq, data: u.data });
  failures += (snapshots?.failures ?? 0) + (updates?.failures ?? 0);
  rowsRead += (snapshots?.rows.length ?? 0) + (updates?.rows.length ?? 0);

  // A WITHOUT ROWID table: read in key order until a read fails.
  let pending: { docName: string; seq: number }[] | null = null;
  try {
    pending = [];
    for (const r of db.prepare('SELECT doc_id, seq FROM sync_pending').iterate() as Iterable<Record<string, unknown>>) {
      if (typeof r.doc_id === 'string' && typeof r.seq === 'number') pending.push({ docName: r.doc_id, seq: r.seq });
    }
  } catch {
    failures += 1;
    if (pending?.length === 0) pending = null;
  }
  return { docs, pending, rowsRead, failures, unreadable };
}

/** Runs a read of a table that may be missing (a foreign file): null when its schema cannot be read. */
function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * The local outbox of a damaged file: per doc, the rows holding changes the
 * relay had not acknowledged (an update row by its seq; the snapshot when a
 * compaction merged such a change into it). Empty when none could be read.
 */
export function outboxOf(contents: DamagedFileContents): ReadableDoc[] {
  const seqs = new Map<string, Set<number>>();
  for (const p of contents.pending ?? []) {
    let set = seqs.get(p.docName);
    if (!set) seqs.set(p.docName, (set = new Set()));
    set.add(p.seq);
  }
  const outbox: ReadableDoc[] = [];
  for (const [docName, pendingSeqs] of seqs) {
    const doc = contents.docs.get(docName);
    if (!doc) continue;
    const snapshot = doc.snapshot && [...pendingSeqs].some((seq) => seq <= doc.snapshot!.uptoSeq) ? doc.snapshot : null;
    const updates = doc.updates.filter((u) => pendingSeqs.has(u.seq));
    if (snapshot || updates.length > 0) outbox.push({ docName, snapshot, updates });
  }
  return outbox;
}
