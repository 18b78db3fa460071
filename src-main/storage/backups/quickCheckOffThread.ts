/**
 * `PRAGMA quick_check` of a database file on a worker thread: checking a
 * large file takes seconds, and the main thread must keep answering
 * meanwhile. The worker opens the file on its own connection with the same
 * driver (and, in Electron, the same native build) and closes it after.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface QuickCheckOptions {
  /** Switch the file to a rollback journal first, so it is one self-contained file (for a snapshot, never the live file). */
  seal?: boolean;
  nativeBinding?: string;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
let db = null;
let problem = null;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
  db.pragma('busy_timeout = 5000');
  if (workerData.seal) {
    db.pragma('journal_mode = DELETE');
    // A snapshot is a file of our own that nothing else changes: read it through a memory map, faster.
    db.pragma('mmap_size = 2147483648');
  }
  const findings = db.pragma('quick_check(5)').map((row) => row.quick_check);
  problem = findings.length === 1 && findings[0] === 'ok' ? null : 'the integrity check found: ' + findings.join('; ');
} catch (err) {
  problem = 'it cannot be read: ' + (err && err.message ? err.message : String(err));
} finally {
  if (db && db.open) db.close();
}
parentPort.postMessage(problem);
`;

/** Null when the database at `file` passes `PRAGMA quick_check`, else what is wrong. */
export function quickCheckOffThread(file: string, options: QuickCheckOptions = {}): Promise<string | null> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file, seal: options.seal ?? false, nativeBinding: options.nativeBinding ?? null },
    });
    let answered = false;
    worker.once('message', (problem: string | null) => {
      answered = true;
      resolve(problem);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The integrity check stopped early (exit code ${code})`));
    });
  });
}
