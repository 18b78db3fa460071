/**
 * Erasure at the relay (docs/erasure.md), asked by an owner through
 * erasureRoutes.ts: a member's contributions (`member`) or every message
 * past the workspace's retention (`retention`) are deleted from every doc
 * of the workspace the relay holds, private rooms and DMs included:
 *
 * 1. each room doc: the messages, the reactions and pins on them, and for a
 *    member their own reactions and read pointer (common/erasure/eraseFromDoc.ts),
 *    changed as the relay, so connected devices get the deletions at once
 *    and the others on their next sync;
 * 2. each digital human's doc: the memories learnt from the erased messages;
 * 3. each changed doc (for a member: every doc, since their earlier edits
 *    and deletes may still sit in history) has its stored history replaced
 *    by one garbage-collected snapshot (DocPersistence.rewrite), then the
 *    storage is scrubbed (VACUUM …) so the bytes leave the data files;
 * 4. the files the erased messages named are deleted from the blob store,
 *    unless a message still in the workspace names the same hash;
 * 5. the record (counts, no content) goes into the `erasures` map of the
 *    workspace's `governance` doc, written by the relay alone: devices apply
 *    the same erasure to their own copies when they see it.
 *
 * An owner may also erase the whole workspace (`removeWorkspace`, after
 * WorkspaceService.deleteWorkspace has dropped its members, invitations and
 * registration, which closed every socket): every doc's rows, its writer
 * counts and its blobs go, then the storage is scrubbed.
 *
 * One erasure runs at a time per workspace. Presence is never stored, so
 * there is nothing of it to erase; a member's awareness leaves with their
 * connections.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Logger } from '../../src-main/common/Logger';
import { eraseFromRoomDoc, eraseMemoriesFrom, liveFileHashes, type ErasureTarget } from '../../src-main/common/erasure/eraseFromDoc';
import {
  ERASURES_MAP,
  MESSAGE_RETENTION_KEY,
  noErasureCounts,
  readRetention,
  RETENTION_MAP,
  retentionCutoff,
  writeErasureRecord,
  writeRetentionRecord,
  type ErasureRecord,
  type RetentionRecord,
} from '../../src-main/common/erasure/erasureRecords';
import type { BlobStore } from '../blobs/BlobStore';
import type { DocPersistence } from '../persistence/DocPersistence';
import { docPolicyOf } from '../policy/docPolicies';
import type { WorkspaceAccess } from '../policy/WorkspaceAccess';
import { RelayValidationError } from '../RelayError';
import type { DocManager } from '../ws/DocManager';
import type { RelayDoc } from '../ws/RelayDoc';

/** What an owner asks to erase. */
export type EraseRequest = { kind: 'member'; memberId: string } | { kind: 'retention' };

export interface RelayEraserDeps {
  docs: DocManager;
  persistence: DocPersistence;
  blobs: BlobStore;
  access: WorkspaceAccess;
  logger: Logger;
  now?: () => number;
}

const GOVERNANCE = 'governance';

export class RelayEraser {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: RelayEraserDeps) {}

  /** Erases what `request` names from workspace `workspaceId`, as asked by owner `by`; returns the record. */
  erase(workspaceId: string, by: string, request: EraseRequest): Promise<ErasureRecord> {
    return this.serial(workspaceId, () => this.eraseNow(workspaceId, by, request));
  }

  /** Sets (days) or clears (null) the message retention of `workspaceId`, as asked by owner `by`. */
  setRetention(workspaceId: string, by: string, days: number | null): Promise<RetentionRecord | null> {
    return this.serial(workspaceId, () =>
      this.withDoc(workspaceId, GOVERNANCE, null, (doc) => {
        const record = days === null ? null : { days, by, at: this.now() };
        doc.changeAsRelay((ydoc) => {
          const map = ydoc.getMap(RETENTION_MAP);
          if (record) map.set(MESSAGE_RETENTION_KEY, writeRetentionRecord(record));
          else map.delete(MESSAGE_RETENTION_KEY);
        });
        return Promise.resolve(record);
      }),
    );
  }

  /** Deletes every doc and file of `workspaceId` (its accounts are already gone, its sockets closed). */
  removeWorkspace(workspaceId: string): Promise<{ docs: number; blobs: number }> {
    return this.serial(workspaceId, async () => {
      // Writes accepted before the sockets closed become durable first, so none lands after the delete.
      for (const doc of [...this.deps.docs.all()]) {
        while (doc.key.workspaceId === workspaceId && doc.hasPendingWrites && doc.loaded) await doc.deps.batcher.flushed();
      }
      const docs = await this.deps.persistence.deleteWorkspace(workspaceId);
      const blobs = await this.deps.blobs.removeWorkspace(workspaceId);
      await this.deps.persistence.scrub();
      this.deps.logger('info', 'workspace.removed', { workspaceId, docs, blobs });
      return { docs, blobs };
    });
  }

  private async eraseNow(workspaceId: string, by: string, request: EraseRequest): Promise<ErasureRecord> {
    const started = this.now();
    let target: ErasureTarget;
    if (request.kind === 'member') {
      // Its bindings may not be read on this node yet (no doc of the workspace loaded): read them first.
      target = { kind: 'member', memberIds: new Set([request.memberId, ...(await this.deps.access.memberIdsOf(workspaceId, request.memberId))]) };
    } else {
      const retention = await this.withDoc(workspaceId, GOVERNANCE, null, (doc) => Promise.resolve(readRetention(doc.ydoc.getMap(RETENTION_MAP))));
      if (!retention) throw new RelayValidationError('This workspace keeps its messages forever: set a retention first.');
      target = { kind: 'retention', before: retentionCutoff(retention.days, started) };
    }
    const names = (await this.deps.persistence.loadUsage(workspaceId)).docNames.filter((name) => docPolicyOf(name) !== null).sort();
    const rooms = names.filter((n) => n.startsWith('room/'));
    const dhs = names.filter((n) => n.startsWith('dh/'));
    const others = names.filter((n) => !n.startsWith('room/') && !n.startsWith('dh/'));
    const counts = noErasureCounts();
    const erasedIds = new Set<string>();
    const erasedHashes = new Set<string>();
    const liveHashes = new Set<string>();
    /** Where the time goes, for the log: loading docs, deleting, rewriting their history, scrubbing the file. */
    const ms = { load: 0, delete: 0, rewrite: 0, scrub: 0 };
    const rewrite = async (doc: RelayDoc, changed: boolean): Promise<void> => {
      if (!changed && target.kind !== 'member') return;
      const at = performance.now();
      await rewriteLog(doc, this.deps.persistence);
      ms.rewrite += performance.now() - at;
      counts.docs += 1;
    };
    for (const name of rooms) {
      await this.withDoc(workspaceId, name, ms, async (doc) => {
        const at = performance.now();
        const erased = doc.changeAsRelay((ydoc) => eraseFromRoomDoc(ydoc, target));
        for (const id of erased.messageIds) erasedIds.add(id);
        for (const hash of erased.hashes) erasedHashes.add(hash);
        for (const hash of liveFileHashes(doc.ydoc)) liveHashes.add(hash);
        counts.messages += erased.messageIds.length;
        counts.reactions += erased.reactions;
        counts.reads += erased.reads;
        counts.pins += erased.pins;
        ms.delete += performance.now() - at;
        await rewrite(doc, erased.messageIds.length + erased.reactions + erased.reads + erased.pins + erased.approvals > 0);
      });
    }
    // Retention keeps what digital humans learnt: it is about messages (docs/erasure.md).
    for (const name of dhs) {
      await this.withDoc(workspaceId, name, ms, async (doc) => {
        const forgotten = target.kind === 'member' ? doc.changeAsRelay((ydoc) => eraseMemoriesFrom(ydoc, erasedIds)) : 0;
        counts.memories += forgotten;
        await rewrite(doc, forgotten > 0);
      });
    }
    if (target.kind === 'member') for (const name of others) await this.withDoc(workspaceId, name, ms, (doc) => rewrite(doc, true));
    const blobs = [...erasedHashes].filter((hash) => !liveHashes.has(hash)).sort();
    for (const hash of blobs) await this.deps.blobs.remove(workspaceId, hash);
    counts.files = blobs.length;
    const record: ErasureRecord = {
      id: randomUUID(),
      kind: target.kind,
      memberId: request.kind === 'member' ? request.memberId : null,
      aliases: target.kind === 'member' ? [...target.memberIds].filter((id) => id !== (request.kind === 'member' ? request.memberId : null)).sort() : [],
      before: target.kind === 'retention' ? target.before : null,
      at: started,
      by,
      counts,
      blobs,
    };
    await this.withDoc(workspaceId, GOVERNANCE, null, (doc) => {
      doc.changeAsRelay((ydoc: Y.Doc) => ydoc.getMap(ERASURES_MAP).set(record.id, writeErasureRecord(record)));
      return Promise.resolve();
    });
    const scrubbing = performance.now();
    if (counts.docs > 0) await this.deps.persistence.scrub();
    ms.scrub = performance.now() - scrubbing;
    this.deps.logger('info', 'workspace.erased', { workspaceId, kind: record.kind, by, counts, ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])) });
    return record;
  }

  /**
   * Runs `work` on the loaded doc `docName` (loading it when needed), then lets it go idle again; with
   * `ms` (a walk over every doc) a doc nobody is connected to is dropped at once rather than after the
   * grace period, so a workspace of a million messages is not held in memory all at once.
   */
  private async withDoc<T>(workspaceId: string, docName: string, ms: { load: number } | null, work: (doc: RelayDoc) => Promise<T>): Promise<T> {
    const policy = docPolicyOf(docName);
    if (!policy) throw new RelayValidationError(`The relay does not serve a doc named ${docName}.`);
    const at = performance.now();
    const doc = this.deps.docs.acquire({ workspaceId, docName }, policy);
    try {
      await doc.whenSettled;
      if (ms) ms.load += performance.now() - at;
      if (!doc.loaded) throw new Error(`the doc ${docName} of ${workspaceId} could not be loaded`);
      return await work(doc);
    } finally {
      this.deps.docs.release(doc, ms !== null);
    }
  }

  private serial<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(workspaceId) ?? Promise.resolve();
    const next = before.then(work, work);
    const settled = next.catch(() => undefined);
    this.running.set(workspaceId, settled);
    void settled.then(() => {
      if (this.running.get(workspaceId) === settled) this.running.delete(workspaceId);
    });
    return next;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/**
 * Replaces `doc`'s whole stored history by one snapshot of its in-memory state, which Yjs has
 * garbage-collected (deleted content is gone from it), once its writes are durable.
 */
async function rewriteLog(doc: RelayDoc, persistence: DocPersistence): Promise<void> {
  while (doc.hasPendingWrites && doc.loaded) await doc.deps.batcher.flushed();
  if (!doc.loaded) throw new Error(`the doc ${doc.key.docName} closed before its history was rewritten`);
  // Encoded and handed to storage in the same tick: an update applied later is appended after the rewrite.
  doc.rewritten(await persistence.rewrite(doc.key, Y.encodeStateAsUpdate(doc.ydoc)));
}
