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

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
parentPort.on('message', ({ id, snapshot, packed, lengths }) => {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      let at = 0;
      for (const length of lengths) {
        Y.applyUpdate(doc, packed.subarray(at, at + length));
        at += length;
      }
    });
    const merged = Y.encodeStateAsUpdate(doc);
    parentPort.postMessage({ id, merged }, [merged.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err && err.message ? err.message : String(err) });
  } finally {
    doc.destroy();
  }
});
`;

interface Job {
  resolve(merged: Uint8Array): void;
  reject(err: Error): void;
}

let worker: Worker | null = null;
let nextId = 0;
const jobs = new Map<number, Job>();

function startWorker(): Worker {
  const yjs = createRequire(import.meta.url).resolve('yjs');
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs } });
  started.unref();
  started.on('message', (reply: { id: number; merged?: Uint8Array; error?: string }) => {
    const job = jobs.get(reply.id);
    if (!job) return;
    jobs.delete(reply.id);
    if (reply.merged) job.resolve(reply.merged);
    else job.reject(new Error(`merging the doc's log failed: ${reply.error ?? 'unknown error'}`));
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

/** `snapshot` (or nothing) and `updates` merged into one v1 update, computed off the calling thread. */
export function mergeUpdatesOffThread(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Uint8Array> {
  worker ??= startWorker();
  const id = ++nextId;
  const running = worker;
  return new Promise((resolve, reject) => {
    // A job keeps the process alive while it runs; the idle worker does not.
    running.ref();
    const done = (): void => {
      if (jobs.size === 0) running.unref();
    };
    jobs.set(id, {
      resolve: (merged) => {
        done();
        resolve(merged);
      },
      reject: (err) => {
        done();
        reject(err);
      },
    });
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
    running.postMessage({ id, snapshot, packed, lengths }, [packed.buffer, lengths.buffer]);
  });
}
