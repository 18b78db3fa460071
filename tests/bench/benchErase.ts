/**
 * `npm run bench -- erase`: erasing one member from a workspace of
 * 1,000,000 messages (the cached message fixture of runRoomsBench, copied
 * into a temp dir first, so the cache is never changed), the whole of it:
 * at the relay, then on a device holding the whole workspace, until the
 * device has the relay's deletions and its check that they arrived passes.
 *
 * - `erase_member_s`: `erase_member_relay_s` + `erase_member_device_check_s`.
 * - `erase_member_relay_s`: at the relay (docs/erasure.md), from the owner's
 *   HTTP request to its answer: every doc of the workspace loaded, the
 *   member's messages, reactions and read pointers deleted, every doc's
 *   history rewritten from its garbage-collected state, the file VACUUMed and
 *   its WAL truncated. The relay's log is seeded with the fixture's docs (one
 *   update per doc, as after a compaction) plus one sentence only that member
 *   wrote, which is then looked for in the relay's files.
 * - On the device, as a linked device gets the erasure (its room docs
 *   loaded, as sync keeps them): the relay's deletions arrive as sync
 *   delivers them, one deletions-only update per room (made, before the
 *   clock starts, by the same deletions on a copy of each room doc, so the
 *   same items as the relay's), each in its own turn of the event loop,
 *   then the record. `erase_device_deletions_s`: until the last deletion is
 *   applied (DocManager applies a large one in parts);
 *   `erase_member_device_check_s`: until the device's check that the
 *   deletions arrived passes; `erase_member_device_s`: until it has applied
 *   the record (doc logs rewritten, FTS merged, VACUUM, on a worker thread).
 *   Meanwhile a 10 ms timer on the core's thread measures how long the event
 *   loop waited at most (`erase_member_max_loop_wait_ms`), and
 *   `erase_device_writes_held_s` is how long the workspace held its writes
 *   (the VACUUM alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openWorkspaceDb } from '../../src-main/storage/WorkspaceDb';
import { docOfStored } from '../../src-main/storage/compactDoc';
import { storedDocNames } from '../../src-main/storage/scrubWorkspaceDb';
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';
import { startRelay } from '../../sync-server/startRelay';
import { SqliteDocPersistence } from '../../sync-server/storage/SqliteDocPersistence';
import { buildMessageWorkspace, type MessageFixture } from './buildMessageWorkspace';
import { cachedFixture, fixtureKey } from './cachedFixture';
import { createCore } from '../../src-main/core/createCore';
import { eraseFromRoomDoc, type ErasureTarget } from '../../src-main/common/erasure/eraseFromDoc';
import { ERASURES_MAP, readErasureRecord, writeErasureRecord } from '../../src-main/common/erasure/erasureRecords';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { logProgress } from './logProgress';
import { ROOMS_FIXTURE_OPTIONS, ROOMS_FIXTURE_SOURCES } from './runRoomsBench';
import { withTempDataDir } from './withTempDataDir';

/** The member erased: one of the fixture's eight authors. */
const ERASED = 'member-3';
const MARKER = 'Only the erased member wrote this: VERMILION-ABACUS-4471.';

export interface EraseBench {
  erase_member_s: number;
  erase_member_relay_s: number;
  erase_member_device_check_s: number;
  erase_member_device_s: number;
  erase_device_deletions_s: number;
  erase_member_max_loop_wait_ms: number;
  /** When the longest wait began: while the deletions were applied, checked, or the record applied (scrub). */
  erase_member_max_loop_wait_phase: string;
  /** The longest garbage-collection pause of the device's thread meanwhile (the loaded docs hold a million messages). */
  erase_device_max_gc_pause_ms: number;
  erase_device_writes_held_s: number;
  messages: number;
  erased_messages: number;
  relay_docs_rewritten: number;
  relay_db_mb_before: number;
  relay_db_mb_after: number;
  marker_left_in_relay_files: boolean;
  fixture_cached: boolean;
}

function mb(file: string): number {
  return Math.round((fs.statSync(file).size / 1_048_576) * 10) / 10;
}

function filesHold(dir: string, needle: string): boolean {
  const bytes = Buffer.from(needle);
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .some((e) => fs.readFileSync(path.join(e.parentPath, e.name)).includes(bytes));
}

/** The deletions-only update erasing `target` from `doc` makes (the relay's, for the same items). */
function deletionsOf(doc: Y.Doc, target: ErasureTarget): Uint8Array | null {
  let update: Uint8Array | null = null;
  const keep = (u: Uint8Array): void => {
    update = u;
  };
  doc.on('update', keep);
  doc.transact(() => eraseFromRoomDoc(doc, target));
  doc.off('update', keep);
  return update;
}

/**
 * Copies every doc of the device's workspace into the relay's log (one update each) and adds the marker
 * message; returns, per room doc, the deletions-only update erasing ERASED from it (made on another copy).
 */
async function seedRelay(deviceDir: string, relayDir: string, fixture: MessageFixture): Promise<Map<string, Uint8Array>> {
  const deletions = new Map<string, Uint8Array>();
  const device = openWorkspaceDb(deviceDir, fixture.workspaceId, { create: false, migrations: workspaceSchema.migrations });
  const relay = new SqliteDocPersistence(path.join(relayDir, 'docs.db'));
  try {
    for (const docName of storedDocNames(device.db)) {
      const doc = docOfStored(device.log.load(docName));
      if (docName === roomDocName(fixture.bigRoomId)) {
        doc.getMap('messages').set('erase-marker', writeMessageRecord({ id: 'erase-marker', authorId: ERASED, text: MARKER, createdAt: fixture.lastAt, editedAt: null, deleted: false, threadRootId: null, mentions: [] }));
      }
      await relay.appendUpdates([{ key: { workspaceId: fixture.workspaceId, docName }, update: Y.encodeStateAsUpdate(doc), writerId: ERASED }]);
      doc.destroy();
      if (docName.startsWith('room/')) {
        const copy = docOfStored(device.log.load(docName));
        const update = deletionsOf(copy, { kind: 'member', memberIds: new Set([ERASED]) });
        if (update) deletions.set(docName, update);
        copy.destroy();
      }
    }
  } finally {
    await relay.close();
    device.close();
  }
  return deletions;
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

interface DeviceApply {
  maxLagPhase: string;
  maxGcMs: number;
  deletionsSeconds: number;
  checkSeconds: number;
  applySeconds: number;
  maxLagMs: number;
  heldSeconds: number;
}

/**
 * A device of the workspace, its room docs loaded, receives the relay's `deletions` (one update per room
 * doc, each in its own turn), then its `record`, and applies it (ErasureService.applyPending); the event
 * loop's longest wait is measured from the first deletion until the record is applied.
 */
export async function applyOnDevice(dataDir: string, workspaceId: string, recordValue: Record<string, unknown>, deletions: ReadonlyMap<string, Uint8Array>): Promise<DeviceApply> {
  const record = readErasureRecord(String(recordValue.id), recordValue);
  if (!record) throw new Error(`erase bench: the relay answered an unreadable record ${JSON.stringify(recordValue)}`);
  let applied: (line: string) => void = () => undefined;
  let failed: (err: Error) => void = () => undefined;
  let checkedAt: number | null = null;
  const appliedLine = new Promise<string>((resolve, reject) => {
    applied = resolve;
    failed = reject;
  });
  const core = await createCore({
    dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'cli',
    log: (level, msg, extra) => {
      if (msg.startsWith('erasure ready')) checkedAt ??= performance.now();
      else if (msg.startsWith('erasure applied')) applied(msg);
      else if (msg.startsWith('applying an erasure')) failed(new Error(`erase bench: ${msg}: ${String(extra)}`));
      else if (level !== 'info') process.stderr.write(`[core ${level}] ${msg} ${extra instanceof Error ? extra.stack : String(extra ?? '')}\n`);
    },
  });
  try {
    const handle = core.workspaces.handle(workspaceId);
    // A linked device's sync keeps its room docs loaded: load them before the clock starts, one per turn.
    for (const name of storedDocNames(handle.storage.db).filter((n) => n.startsWith('room/'))) {
      handle.docs.doc(name);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const relay = (): ReturnType<typeof txOrigin> => txOrigin('remote', 'relay');
    let last = performance.now();
    let maxLagMs = 0;
    let maxLagPhase = 'none';
    let maxGcMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) maxGcMs = Math.max(maxGcMs, entry.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    let heldSince: number | null = null;
    let heldMs = 0;
    let deletedAt: number | null = null;
    let delivered = false;
    const ticker = setInterval(() => {
      const now = performance.now();
      if (now - last > maxLagMs) {
        maxLagMs = now - last;
        maxLagPhase = deletedAt === null ? 'deletions' : checkedAt === null || checkedAt > last ? 'check' : 'record applied (scrub)';
      }
      last = now;
      if (delivered && deletedAt === null && handle.docs.queuedDeletions === 0) deletedAt = now;
      if (handle.docs.writesHeld) heldSince ??= now;
      else if (heldSince !== null) {
        heldMs += now - heldSince;
        heldSince = null;
      }
    }, 10);
    const started = performance.now();
    try {
      for (const [name, update] of deletions) {
        handle.docs.applyUpdate(name, update, relay());
        await new Promise((resolve) => setImmediate(resolve));
      }
      delivered = true;
      handle.docs.transact('governance', relay(), (doc) => doc.getMap(ERASURES_MAP).set(record.id, writeErasureRecord(record)));
      const line = await appliedLine;
      logProgress(`erase: ${line}`);
    } finally {
      clearInterval(ticker);
      gc.disconnect();
    }
    // Writes are let through again just before the record counts as applied: the last tick may not have seen it.
    if (heldSince !== null) heldMs += performance.now() - heldSince;
    const seconds = (at: number | null): number => ((at ?? performance.now()) - started) / 1000;
    return { maxLagPhase, maxGcMs, deletionsSeconds: seconds(deletedAt), checkSeconds: seconds(checkedAt), applySeconds: seconds(null), maxLagMs, heldSeconds: heldMs / 1000 };
  } finally {
    await core.close();
  }
}

export async function benchErase(): Promise<EraseBench> {
  return withTempDataDir('erase', async (dir) => {
    const deviceDir = path.join(dir, 'device');
    const relayDir = path.join(dir, 'relay');
    fs.mkdirSync(deviceDir);
    fs.mkdirSync(relayDir);
    const stored = await cachedFixture('rooms', fixtureKey(ROOMS_FIXTURE_SOURCES, ROOMS_FIXTURE_OPTIONS), deviceDir, (d) => buildMessageWorkspace(d, ROOMS_FIXTURE_OPTIONS));
    const fixture = stored.value;
    logProgress(`erase: ${fixture.written} messages (${stored.cached ? 'cached' : 'built'}); seeding the relay…`);
    const deletions = await seedRelay(deviceDir, relayDir, fixture);
    const relayDb = path.join(relayDir, 'docs.db');
    const before = mb(relayDb);

    const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: relayDir, secret: 'qwanyx-erase-bench-secret-0123456789abcdef', dev: true, logLevel: 'silent' });
    let relaySeconds: number;
    let record: Record<string, unknown>;
    try {
      const email = 'owner@example.com';
      await json(`${relay.url}/v1/auth/code`, { method: 'POST', body: JSON.stringify({ email }) });
      const verified = await json(`${relay.url}/v1/auth/verify`, { method: 'POST', body: JSON.stringify({ email, code: relay.lastCode(email) }) });
      const auth = { Authorization: `Bearer ${String(verified.deviceToken)}` };
      await json(`${relay.url}/v1/workspaces`, { method: 'POST', headers: auth, body: JSON.stringify({ id: fixture.workspaceId }) });
      logProgress('erase: erasing one member at the relay…');
      const started = performance.now();
      record = await json(`${relay.url}/v1/workspaces/${fixture.workspaceId}/erase`, { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'member', memberId: ERASED }) });
      relaySeconds = (performance.now() - started) / 1000;
    } finally {
      await relay.close();
    }
    const counts = record.counts as { messages: number; docs: number };
    const markerInRelay = filesHold(relayDir, MARKER);

    logProgress('erase: the same erasure applied on a device holding the whole workspace…');
    const device = await applyOnDevice(deviceDir, fixture.workspaceId, record, deletions);
    const s2 = (seconds: number): number => Math.round(seconds * 100) / 100;
    return {
      erase_member_s: s2(relaySeconds + device.checkSeconds),
      erase_member_relay_s: s2(relaySeconds),
      erase_member_device_check_s: s2(device.checkSeconds),
      erase_member_device_s: s2(device.applySeconds),
      erase_device_deletions_s: s2(device.deletionsSeconds),
      erase_member_max_loop_wait_ms: Math.round(device.maxLagMs),
      erase_member_max_loop_wait_phase: device.maxLagPhase,
      erase_device_max_gc_pause_ms: Math.round(device.maxGcMs),
      erase_device_writes_held_s: s2(device.heldSeconds),
      messages: fixture.written,
      erased_messages: counts.messages,
      relay_docs_rewritten: counts.docs,
      relay_db_mb_before: before,
      relay_db_mb_after: mb(relayDb),
      marker_left_in_relay_files: markerInRelay,
      fixture_cached: stored.cached,
    };
  });
}
