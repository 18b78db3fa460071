/**
 * `npm run bench -- erase`: erasing one member from a workspace of
 * 1,000,000 messages (the cached message fixture of runRoomsBench, copied
 * into a temp dir first, so the cache is never changed).
 *
 * - `erase_member_s`: at the relay (docs/erasure.md), from the owner's HTTP
 *   request to its answer: every doc of the workspace loaded, the member's
 *   messages, reactions and read pointers deleted, every doc's history
 *   rewritten from its garbage-collected state, the file VACUUMed and its WAL
 *   truncated. The relay's log is seeded with the fixture's docs (one update
 *   per doc, as after a compaction) plus one sentence only that member wrote,
 *   which is then looked for in the relay's files.
 * - On a device that holds the whole workspace, as a linked device gets it:
 *   the relay's deletions arrive (`erase_device_deletions_s`, applied to the
 *   docs on the core's thread, as sync delivers them), then its record, and
 *   the device applies it (`erase_member_device_s`: doc logs rewritten, FTS
 *   merged, VACUUM, on a worker thread). Meanwhile a 10 ms timer on the
 *   core's thread measures how long the event loop was held at most
 *   (`erase_device_max_loop_lag_ms`), and `erase_device_writes_held_s` is
 *   how long the workspace held its writes (the VACUUM alone).
 */
import fs from 'node:fs';
import path from 'node:path';
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
import { eraseFromRoomDoc, eraseMemoriesFrom } from '../../src-main/common/erasure/eraseFromDoc';
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
  erase_member_device_s: number;
  erase_device_deletions_s: number;
  erase_device_max_loop_lag_ms: number;
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

/** Copies every doc of the device's workspace into the relay's log (one update each) and adds the marker message. */
async function seedRelay(deviceDir: string, relayDir: string, fixture: MessageFixture): Promise<void> {
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
    }
  } finally {
    await relay.close();
    device.close();
  }
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

interface DeviceApply {
  deletionsSeconds: number;
  applySeconds: number;
  maxLagMs: number;
  heldSeconds: number;
}

/**
 * A device of the workspace receives the relay's deletions, then its `record`, and applies it
 * (ErasureService.applyPending); the event loop's longest wait is measured meanwhile.
 */
export async function applyOnDevice(dataDir: string, workspaceId: string, recordValue: Record<string, unknown>): Promise<DeviceApply> {
  const record = readErasureRecord(String(recordValue.id), recordValue);
  if (!record) throw new Error(`erase bench: the relay answered an unreadable record ${JSON.stringify(recordValue)}`);
  let applied: (line: string) => void = () => undefined;
  let failed: (err: Error) => void = () => undefined;
  const appliedLine = new Promise<string>((resolve, reject) => {
    applied = resolve;
    failed = reject;
  });
  const core = await createCore({
    dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'cli',
    log: (level, msg, extra) => {
      if (msg.startsWith('erasure applied')) applied(msg);
      else if (msg.startsWith('applying an erasure')) failed(new Error(`erase bench: ${msg}: ${String(extra)}`));
      else if (level !== 'info') process.stderr.write(`[core ${level}] ${msg} ${extra instanceof Error ? extra.stack : String(extra ?? '')}\n`);
    },
  });
  try {
    const handle = core.workspaces.handle(workspaceId);
    const relay = txOrigin('remote', 'relay');
    const target = { kind: 'member' as const, memberIds: new Set([record.memberId!, ...record.aliases]) };
    let started = performance.now();
    const erasedIds = new Set<string>();
    for (const name of storedDocNames(handle.storage.db).filter((n) => n.startsWith('room/'))) {
      for (const id of handle.docs.transact(name, relay, (doc) => eraseFromRoomDoc(doc, target)).messageIds) erasedIds.add(id);
    }
    for (const name of storedDocNames(handle.storage.db).filter((n) => n.startsWith('dh/'))) handle.docs.transact(name, relay, (doc) => eraseMemoriesFrom(doc, erasedIds));
    const deletionsSeconds = (performance.now() - started) / 1000;
    let last = performance.now();
    let maxLagMs = 0;
    let heldSince: number | null = null;
    let heldMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxLagMs = Math.max(maxLagMs, now - last);
      last = now;
      if (handle.docs.writesHeld) heldSince ??= now;
      else if (heldSince !== null) {
        heldMs += now - heldSince;
        heldSince = null;
      }
    }, 10);
    started = performance.now();
    try {
      handle.docs.transact('governance', relay, (doc) => doc.getMap(ERASURES_MAP).set(record.id, writeErasureRecord(record)));
      const line = await appliedLine;
      logProgress(`erase: ${line}`);
    } finally {
      clearInterval(ticker);
    }
    // Writes are let through again just before the record counts as applied: the last tick may not have seen it.
    if (heldSince !== null) heldMs += performance.now() - heldSince;
    return { deletionsSeconds, applySeconds: (performance.now() - started) / 1000, maxLagMs, heldSeconds: heldMs / 1000 };
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
    await seedRelay(deviceDir, relayDir, fixture);
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
    const device = await applyOnDevice(deviceDir, fixture.workspaceId, record);
    return {
      erase_member_s: Math.round(relaySeconds * 100) / 100,
      erase_member_device_s: Math.round(device.applySeconds * 100) / 100,
      erase_device_deletions_s: Math.round(device.deletionsSeconds * 100) / 100,
      erase_device_max_loop_lag_ms: Math.round(device.maxLagMs),
      erase_device_writes_held_s: Math.round(device.heldSeconds * 100) / 100,
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
