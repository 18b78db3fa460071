/**
 * Erasure and retention on this device (docs/erasure.md).
 *
 * An owner erases a member: for a workspace linked to a relay, the relay
 * does it (it holds every doc, private rooms included, and checks the owner
 * against its accounts): it deletes the member's messages, files, reactions,
 * read pointers and the memories learnt from them, rewrites the stored
 * history of the docs, and records the erasure in the `erasures` map of the
 * `governance` doc (common/erasure/erasureRecords.ts), which only it may
 * write. Every device, this one included, then applies each record it has
 * not applied yet (`applyPending`): once the relay's deletions have reached
 * its docs (none still holds what the record erases), it rewrites its own
 * doc logs from their garbage-collected state with secure_delete on,
 * merges the full-text indexes, VACUUMs and truncates the WAL, all on a
 * worker thread with its own connection (storage/scrubOffThread.ts: tens
 * of seconds on a large workspace, during which this thread keeps
 * answering), then deletes the record's files from its blob store (unless
 * a message still names them). Writes go on meanwhile, serialized by
 * SQLite, except during the VACUUM: the workspace then holds its writes
 * (DocManager.holdWrites: local writes are refused with "finishing an erasure…", remote ones wait in
 * memory). A local-only workspace has no relay and no other device: the deletions are made here too.
 *
 * The deletions, the check that the relay's have arrived and the look for
 * files still named run a slice at a time (eraseInSlices.ts says why not on a worker); DocManager
 * applies a large deletion from the relay in parts, and the check waits until they are all applied.
 *
 * Retention: an owner sets how many days messages are kept (the relay
 * writes it in `governance`; a local-only workspace keeps it in this
 * device's settings). Past it, messages are erased the same way, by a sweep an owner's device runs at
 * start and every hour (the relay erases, every device applies). Why an owner's device: only an owner
 * may ask the relay, and the relay stays a plain store that runs no timers of its own.
 *
 * Each erasure writes an audit entry (what and how many, never the content).
 */
import type { ErasureView, RetentionView } from '../../common/contract';
import { ForbiddenError, ValidationError } from '../../common/AppError';
import type { Logger } from '../../common/Logger';
import { ENTITY_ID_PATTERN } from '../../common/ids';
import { eraseMemoriesFrom, type ErasureTarget } from '../../common/erasure/eraseFromDoc';
import {
  ERASURES_MAP,
  noErasureCounts,
  readErasureRecords,
  readRetention,
  RETENTION_MAP,
  retentionCutoff,
  type ErasureRecord,
  type RetentionRecord,
} from '../../common/erasure/erasureRecords';
import { scrubOffThread, type ScrubReport } from '../../storage/scrubOffThread';
import { storedDocNames } from '../../storage/scrubWorkspaceDb';
import type { RelayErasureApi } from '../../sync/RelayErasureApi';
import { txOrigin } from '../../sync/TxOrigin';
import type { AuditInput } from '../audit/AuditService';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';
import { eraseRoomInSlices, namedHashes, Slicer, someRoomHolds } from './eraseInSlices';

export interface ErasureDeps {
  workspaces: WorkspaceService;
  /** The local person's built-in role in a workspace (governance). */
  myRole: (workspaceId: string) => string;
  /** The local person's id in a workspace. */
  userId: (workspaceId: string) => string;
  /** The relay's erasure routes for a linked workspace; null when local-only. */
  relay: (workspaceId: string) => Promise<RelayErasureApi | null>;
  /** Whether the workspace is linked to a relay. */
  linked: (workspaceId: string) => boolean;
  /** Deletes a file (its blob and preview) from this device. */
  removeFile: (workspaceId: string, hash: string) => void;
  audit: (workspaceId: string, input: AuditInput) => void;
  /** This device's settings (app.db): which records it applied, a local-only workspace's retention. */
  settings: { get(key: string): unknown; set(key: string, value: unknown): void };
  log: Logger;
  now: () => number;
  newId: () => string;
  /** Milliseconds between retention sweeps (0: none). */
  sweepEveryMs?: number;
  /** The SQLite driver's native build for the worker thread (Electron's), when not the default. */
  nativeBinding?: string;
}

/** What local writes are told while an erasure's VACUUM holds the workspace's file. */
export const ERASING_MESSAGE = 'This workspace is finishing an erasure (its file is being rewritten): try again in a few seconds.';

const HOUR_MS = 3_600_000;
/** Delay before a device looks again at its pending erasures after a change arrived (changes come in bursts). */
const APPLY_DELAY_MS = 100;

export class ErasureService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Workspaces whose erasures are being applied, and whether a change asked for another look meanwhile. */
  private readonly applying = new Map<string, { again: boolean }>();
  /** The scrub of each workspace's file under way (or last started). */
  private readonly scrubs = new Map<string, Promise<ScrubReport>>();
  private sweeper: NodeJS.Timeout | null = null;
  private stopObserving: () => void = () => undefined;
  private closed = false;

  constructor(private readonly deps: ErasureDeps) {}

  /** Watches the open workspaces (records to apply) and starts the hourly retention sweep. */
  start(): void {
    this.stopObserving = this.deps.workspaces.observeHandles({ opened: (handle) => this.watch(handle), closing: (id) => this.cancel(id) });
    for (const ws of this.deps.workspaces.list()) {
      const handle = this.deps.workspaces.openHandle(ws.id);
      if (handle) this.watch(handle);
    }
    const every = this.deps.sweepEveryMs ?? HOUR_MS;
    this.sweeper = every > 0 ? setInterval(() => void this.sweepAll(), every) : null;
    this.sweeper?.unref();
  }

  close(): void {
    this.closed = true;
    this.stopObserving();
    if (this.sweeper) clearInterval(this.sweeper);
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }

  /** Erases member `memberId` from `workspaceId` (owners only). */
  async eraseMember(workspaceId: string, memberId: string): Promise<ErasureView> {
    if (!ENTITY_ID_PATTERN.test(memberId)) throw new ValidationError('A member id is 1-64 letters, digits, "_" or "-".');
    this.requireOwner(workspaceId, 'erase a member', `members/${memberId}`);
    const record = await this.erase(workspaceId, { kind: 'member', memberIds: new Set([memberId]) });
    return this.view(workspaceId, record);
  }

  /** The erasures recorded in `workspaceId`, oldest first. */
  list(workspaceId: string): ErasureView[] {
    return this.records(this.deps.workspaces.handle(workspaceId)).map((r) => this.view(workspaceId, r));
  }

  /** How long `workspaceId` keeps its messages. */
  retention(workspaceId: string): RetentionView {
    const record = this.retentionRecord(workspaceId);
    return { days: record?.days ?? null, by: record?.by ?? null, at: record?.at ?? null };
  }

  /** Sets (days) or clears (null) how long messages are kept, then sweeps (owners only). */
  async setRetention(workspaceId: string, days: number | null): Promise<RetentionView> {
    this.requireOwner(workspaceId, 'set the retention', 'retention');
    const api = await this.deps.relay(workspaceId);
    if (api) await api.setRetention(workspaceId, days);
    else this.deps.settings.set(retentionKey(workspaceId), days === null ? null : { days, by: this.deps.userId(workspaceId), at: this.deps.now() });
    this.deps.audit(workspaceId, this.auditInput(workspaceId, 'retention.set', 'retention', days === null ? 'messages kept forever' : `messages kept ${days} days`));
    // The relay's write reaches this device's governance doc by sync; what the relay answered is the truth meanwhile.
    if (days !== null) await this.sweep(workspaceId);
    return api ? { days, by: this.deps.userId(workspaceId), at: this.deps.now() } : this.retention(workspaceId);
  }

  /** Erases the messages past the retention now (owners only); null when messages are kept forever. */
  async sweep(workspaceId: string): Promise<ErasureView | null> {
    this.requireOwner(workspaceId, 'erase old messages', 'retention');
    const api = await this.deps.relay(workspaceId);
    let record: ErasureRecord;
    if (api) {
      record = await api.eraseExpired(workspaceId);
    } else {
      const retention = this.retentionRecord(workspaceId);
      if (!retention) return null;
      record = await this.erase(workspaceId, { kind: 'retention', before: retentionCutoff(retention.days, this.deps.now()) });
      return this.view(workspaceId, record);
    }
    if (record.counts.messages > 0) this.deps.audit(workspaceId, this.describe(workspaceId, record));
    this.applySoon(workspaceId);
    return this.view(workspaceId, record);
  }

  /**
   * Applies on this device the erasures recorded in `workspaceId` it has not applied yet, oldest
   * first, each once the relay's deletions have arrived; returns how many it applied.
   */
  async applyPending(workspaceId: string): Promise<number> {
    const handle = this.deps.workspaces.handle(workspaceId);
    const applied = this.appliedIds(workspaceId);
    // While the relay's deletions are applied (in parts), a look would take turns from them for nothing.
    while (handle.docs.queuedDeletions > 0) await new Promise((resolve) => setTimeout(resolve, APPLY_DELAY_MS));
    const ready: ErasureRecord[] = [];
    for (const record of this.records(handle).filter((r) => !applied.has(r.id))) {
      // Not yet: the relay's deletions of some room are still on their way.
      if (await someRoomHolds(handle.docs, roomDocNames(handle), targetOf(record))) break;
      ready.push(record);
    }
    if (ready.length === 0) return 0;
    this.deps.log('info', `erasure ready in ${workspaceId}: the relay's deletions of ${ready.map((r) => r.id).join(', ')} have reached this device; rewriting its files`);
    // One rewrite and one VACUUM cover every record ready: what they erase is gone from the docs already.
    await this.scrub(handle);
    for (const record of ready) {
      await this.deleteBlobs(handle, record.blobs);
      applied.add(record.id);
    }
    this.deps.settings.set(appliedKey(workspaceId), [...applied]);
    return ready.length;
  }

  private async erase(workspaceId: string, target: ErasureTarget): Promise<ErasureRecord> {
    const api = await this.deps.relay(workspaceId);
    let record: ErasureRecord;
    if (api) {
      record = target.kind === 'member' ? await api.eraseMember(workspaceId, [...target.memberIds][0]!) : await api.eraseExpired(workspaceId);
    } else {
      record = await this.eraseHere(workspaceId, target);
    }
    this.deps.audit(workspaceId, this.describe(workspaceId, record));
    if (api) this.applySoon(workspaceId);
    return record;
  }

  /** A local-only workspace: the deletions and the rewrite, here. */
  private async eraseHere(workspaceId: string, target: ErasureTarget): Promise<ErasureRecord> {
    const handle = this.deps.workspaces.handle(workspaceId);
    const me = this.deps.userId(workspaceId);
    const counts = noErasureCounts();
    const erasedIds = new Set<string>();
    const erasedHashes = new Set<string>();
    const names = storedDocNames(handle.storage.db);
    const slicer = new Slicer();
    for (const name of roomDocNames(handle)) {
      const erased = await eraseRoomInSlices(handle.docs, name, () => txOrigin('local', me), target, slicer);
      for (const id of erased.messageIds) erasedIds.add(id);
      for (const hash of erased.hashes) erasedHashes.add(hash);
      counts.messages += erased.messageIds.length;
      counts.reactions += erased.reactions;
      counts.reads += erased.reads;
      counts.pins += erased.pins;
    }
    if (target.kind === 'member') {
      for (const name of names.filter((n) => n.startsWith('dh/'))) {
        counts.memories += handle.docs.transact(name, txOrigin('local', me), (doc) => eraseMemoriesFrom(doc, erasedIds));
        await slicer.pause();
      }
    }
    const live = await namedHashes(handle.docs, roomDocNames(handle), erasedHashes);
    const blobs = [...erasedHashes].filter((h) => !live.has(h)).sort();
    counts.files = blobs.length;
    counts.docs = (await this.scrub(handle)).docsRewritten;
    await this.deleteBlobs(handle, blobs);
    return {
      id: this.deps.newId(),
      kind: target.kind,
      memberId: target.kind === 'member' ? [...target.memberIds][0]! : null,
      aliases: [],
      before: target.kind === 'retention' ? target.before : null,
      at: this.deps.now(),
      by: me,
      counts,
      blobs,
    };
  }

  /**
   * Rewrites every doc log of the file from its garbage-collected state (freed bytes zeroed), merges the
   * full-text indexes and VACUUMs, on a worker thread; writes are held only while the VACUUM runs.
   */
  private scrub(handle: WorkspaceHandle): Promise<ScrubReport> {
    // One scrub of a file at a time: a second one waits for the first.
    const previous = this.scrubs.get(handle.id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.scrubNow(handle));
    this.scrubs.set(handle.id, next);
    const forget = (): void => {
      if (this.scrubs.get(handle.id) === next) this.scrubs.delete(handle.id);
    };
    next.then(forget, forget);
    return next;
  }

  private async scrubNow(handle: WorkspaceHandle): Promise<ScrubReport> {
    let release: (() => void) | null = null;
    const report = await scrubOffThread(handle.storage.db, {
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
      onExclusive: () => (release = handle.docs.holdWrites(ERASING_MESSAGE)),
      onShared: () => {
        release?.();
        release = null;
      },
    });
    this.deps.log('info', `erasure applied in ${handle.id}: ${report.docsRewritten} doc logs rewritten off the main thread in ${Math.round(report.rewriteMs)} ms, indexes merged in ${Math.round(report.ftsMergeMs)} ms, writes held ${Math.round(report.vacuumMs)} ms for the VACUUM`);
    return report;
  }

  /** Deletes `hashes` from the blob store, except those a message still names. */
  private async deleteBlobs(handle: WorkspaceHandle, hashes: readonly string[]): Promise<void> {
    if (hashes.length === 0) return;
    const named = await namedHashes(handle.docs, roomDocNames(handle), new Set(hashes));
    for (const hash of hashes) if (!named.has(hash)) this.deps.removeFile(handle.id, hash);
  }

  private watch(handle: WorkspaceHandle): void {
    handle.docs.onChange((change) => {
      if (change.origin.source !== 'remote') return;
      if (change.docName === 'governance' || (this.hasPending(handle) && (change.docName.startsWith('room/') || change.docName.startsWith('dh/')))) this.applySoon(handle.id);
    });
    this.applySoon(handle.id);
    void this.sweepIfOwner(handle.id);
  }

  private hasPending(handle: WorkspaceHandle): boolean {
    const applied = this.appliedIds(handle.id);
    return this.records(handle).some((r) => !applied.has(r.id));
  }

  private applySoon(workspaceId: string): void {
    if (this.closed || this.timers.has(workspaceId)) return;
    const running = this.applying.get(workspaceId);
    if (running) {
      running.again = true;
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(workspaceId);
      if (this.closed || !this.deps.workspaces.openHandle(workspaceId)) return;
      const state = { again: false };
      this.applying.set(workspaceId, state);
      this.applyPending(workspaceId)
        .catch((err: unknown) => this.deps.log('error', `applying an erasure in ${workspaceId} failed; it is tried again on the next change`, err))
        .finally(() => {
          this.applying.delete(workspaceId);
          if (state.again) this.applySoon(workspaceId);
        });
    }, APPLY_DELAY_MS);
    timer.unref();
    this.timers.set(workspaceId, timer);
  }

  private cancel(workspaceId: string): void {
    const timer = this.timers.get(workspaceId);
    if (timer) clearTimeout(timer);
    this.timers.delete(workspaceId);
  }

  private async sweepAll(): Promise<void> {
    for (const ws of this.deps.workspaces.list()) if (this.deps.workspaces.openHandle(ws.id)) await this.sweepIfOwner(ws.id);
  }

  /** The periodic sweep: on an owner's device, when a retention is set. */
  private async sweepIfOwner(workspaceId: string): Promise<void> {
    try {
      if (this.closed || this.deps.myRole(workspaceId) !== 'owner' || !this.retentionRecord(workspaceId)) return;
      await this.sweep(workspaceId);
    } catch (err) {
      this.deps.log('warn', `the retention sweep of ${workspaceId} failed; it runs again within the hour`, err);
    }
  }

  private retentionRecord(workspaceId: string): RetentionRecord | null {
    if (this.deps.linked(workspaceId)) return readRetention(this.deps.workspaces.handle(workspaceId).docs.doc('governance').getMap(RETENTION_MAP));
    const stored = this.deps.settings.get(retentionKey(workspaceId));
    return typeof stored === 'object' && stored !== null && Number.isSafeInteger((stored as RetentionRecord).days) ? (stored as RetentionRecord) : null;
  }

  private records(handle: WorkspaceHandle): ErasureRecord[] {
    return readErasureRecords(handle.docs.doc('governance').getMap(ERASURES_MAP));
  }

  private appliedIds(workspaceId: string): Set<string> {
    const stored = this.deps.settings.get(appliedKey(workspaceId));
    return new Set(Array.isArray(stored) ? stored.filter((v): v is string => typeof v === 'string') : []);
  }

  private requireOwner(workspaceId: string, what: string, resource: string): void {
    this.deps.workspaces.handle(workspaceId);
    if (this.deps.myRole(workspaceId) === 'owner') return;
    this.deps.audit(workspaceId, { ...this.auditInput(workspaceId, 'member.erase', resource, `refused: only an owner may ${what}`), outcome: 'denied' });
    throw new ForbiddenError(`Only an owner of this workspace may ${what}.`);
  }

  private describe(workspaceId: string, record: ErasureRecord): AuditInput {
    const c = record.counts;
    const what = `${c.messages} messages, ${c.files} files, ${c.reactions} reactions, ${c.reads} read pointers, ${c.pins} pins, ${c.memories} memories; history of ${c.docs} docs rewritten`;
    return record.kind === 'member'
      ? this.auditInput(workspaceId, 'member.erase', `members/${record.memberId}`, `erased member ${record.memberId}: ${what}`)
      : this.auditInput(workspaceId, 'retention.erase', 'retention', `erased messages created before ${new Date(record.before ?? 0).toISOString()}: ${what}`);
  }

  private auditInput(workspaceId: string, action: string, resource: string, detail: string): AuditInput {
    return { actorKind: 'member', actorId: this.deps.userId(workspaceId), onBehalfOf: null, action, resource, outcome: 'allowed', detail };
  }

  private view(workspaceId: string, record: ErasureRecord): ErasureView {
    const applied = !this.deps.linked(workspaceId) || this.appliedIds(workspaceId).has(record.id);
    return { id: record.id, kind: record.kind, memberId: record.memberId, before: record.before, at: record.at, by: record.by, counts: { ...record.counts }, applied };
  }
}

function targetOf(record: ErasureRecord): ErasureTarget {
  return record.kind === 'member' ? { kind: 'member', memberIds: new Set([record.memberId!, ...record.aliases]) } : { kind: 'retention', before: record.before! };
}

function roomDocNames(handle: WorkspaceHandle): string[] {
  return storedDocNames(handle.storage.db).filter((n) => n.startsWith('room/'));
}

function appliedKey(workspaceId: string): string {
  return `erasure.applied.${workspaceId}`;
}

function retentionKey(workspaceId: string): string {
  return `erasure.retention.${workspaceId}`;
}
