/**
 * The parts of an erasure on a device (docs/erasure.md) that read or change
 * the live room docs, cut into short steps that give the event loop back
 * between them: the deletions of a local-only workspace's erasure, the check
 * that the relay's deletions have arrived, and the files messages still name.
 *
 * Why slices on the core's thread and not a worker: the live Y.Docs belong
 * to this thread's DocManager, whose projections (messages, full-text index,
 * reactions…) follow each transaction in the same SQLite transaction; a
 * Y.Doc cannot be shared with or handed to a worker, and a worker's copy
 * changed on its own would be a second writer of the same doc. What can
 * leave the thread already has (storage/scrubOffThread.ts: the rewrite of
 * the logs, the index merge, the VACUUM). So each step here scans at most a
 * few milliseconds' worth of entries, or deletes at most
 * DELETIONS_PER_TRANSACTION keys in one transaction, then yields
 * (`Slicer.pause`); local writes of everyone else go on between the steps.
 * The relay's own deletions, on a linked device, arrive through
 * DocManager.applyUpdate, which applies a large one in parts the same way
 * (sync/splitDeleteSet.ts).
 *
 * What stays one pass: loading a room doc not in memory yet (about 250 ms
 * for 100,000 messages on 2 quiet cores, docs/architecture.md). On a linked
 * device, sync has them loaded already.
 */
import type * as Y from 'yjs';
import { messageErased, messageFileHashes, planRoomErasure, roomDocHoldsBesideMessages, type ErasureTarget, type RoomErasure } from '../../common/erasure/eraseFromDoc';
import type { DocManager } from '../../sync/DocManager';
import type { TxOrigin } from '../../sync/TxOrigin';

/** Keys deleted per transaction (each transaction also updates the projections of what it deleted). */
export const DELETIONS_PER_TRANSACTION = 200;
/** Map entries read between two looks at the clock. */
const ENTRIES_PER_LOOK = 512;

/** Gives the event loop back once a step has run for `budgetMs`. */
export class Slicer {
  private started = performance.now();

  constructor(private readonly budgetMs = 12) {}

  /** Yields to the event loop (timers, I/O, other requests) when the current step is over its budget. */
  async pause(): Promise<void> {
    if (performance.now() - this.started < this.budgetMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }

  /** Yields to the event loop now. */
  async yield(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}

/** Calls `visit` on every entry of `map`, pausing between slices; stops early when it returns true. */
async function scan(map: Y.Map<unknown>, slicer: Slicer, visit: (key: string, value: unknown) => boolean | void): Promise<boolean> {
  let n = 0;
  // A Y.Map iterates a JS Map, whose iterator stays valid while entries come and go.
  for (const [key, value] of map.entries()) {
    if (visit(key, value) === true) return true;
    if (++n % ENTRIES_PER_LOOK === 0) await slicer.pause();
  }
  return false;
}

/** Whether room doc `doc` still holds what `target` erases (roomDocHolds, its messages scanned a slice at a time). */
export async function roomHoldsInSlices(doc: Y.Doc, target: ErasureTarget, slicer: Slicer): Promise<boolean> {
  if (await scan(doc.getMap('messages'), slicer, (_key, value) => messageErased(target, value))) return true;
  return roomDocHoldsBesideMessages(doc, target);
}

/** Which of `hashes` the messages of room doc `doc` still name (a slice at a time). */
export async function namedHashesInSlices(doc: Y.Doc, hashes: ReadonlySet<string>, slicer: Slicer): Promise<Set<string>> {
  const named = new Set<string>();
  if (hashes.size === 0) return named;
  await scan(doc.getMap('messages'), slicer, (_key, value) => {
    for (const hash of messageFileHashes(value)) if (hashes.has(hash)) named.add(hash);
  });
  return named;
}

/**
 * Erases what `target` names from room doc `docName` (eraseFromRoomDoc's deletions) a step at a time:
 * the messages are found a slice at a time, then at most DELETIONS_PER_TRANSACTION keys are deleted
 * per transaction, each with `origin()`; writes held meanwhile (an erasure's VACUUM) are waited for.
 */
export async function eraseRoomInSlices(docs: DocManager, docName: string, origin: () => TxOrigin, target: ErasureTarget, slicer: Slicer): Promise<RoomErasure> {
  const ids: string[] = [];
  await scan(docs.doc(docName).getMap('messages'), slicer, (key, value) => {
    if (messageErased(target, value)) ids.push(key);
  });
  // The plan re-reads each message found: one written or erased meanwhile is judged as it is now.
  const { deletions, ...erased } = planRoomErasure(docs.doc(docName), target, ids);
  for (let at = 0; at < deletions.length; at += DELETIONS_PER_TRANSACTION) {
    while (docs.writesHeld) await new Promise((resolve) => setTimeout(resolve, 50));
    const batch = deletions.slice(at, at + DELETIONS_PER_TRANSACTION);
    docs.transact(docName, origin(), (doc) => {
      for (const { map, key } of batch) doc.getMap(map).delete(key);
    });
    await slicer.pause();
  }
  return erased;
}

/** Whether one of room docs `names` still holds what `target` erases (a slice of a room per turn). */
export async function someRoomHolds(docs: DocManager, names: readonly string[], target: ErasureTarget): Promise<boolean> {
  const slicer = new Slicer();
  for (const name of names) {
    // A doc dropped and reloaded while it was read (a failed write) is read again.
    for (let doc = docs.doc(name), read: Y.Doc | null = null; doc !== read; doc = docs.doc(name)) {
      if (await roomHoldsInSlices(doc, target, slicer)) return true;
      read = doc;
    }
    await slicer.yield();
  }
  return false;
}

/** Which of `hashes` a message of room docs `names` still names (a slice of a room per turn). */
export async function namedHashes(docs: DocManager, names: readonly string[], hashes: ReadonlySet<string>): Promise<Set<string>> {
  const slicer = new Slicer();
  const named = new Set<string>();
  if (hashes.size === 0) return named;
  for (const name of names) {
    for (const hash of await namedHashesInSlices(docs.doc(name), hashes, slicer)) named.add(hash);
    await slicer.yield();
  }
  return named;
}
