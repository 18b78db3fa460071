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
 * - `erase_member_device_s`: the same erasure on a device that holds the
 *   whole workspace, as a local-only one does it (deletions, log rewritten,
 *   FTS merged, VACUUM): what every device spends applying the record.
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
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { ROOMS_FIXTURE_OPTIONS, ROOMS_FIXTURE_SOURCES } from './runRoomsBench';
import { withTempDataDir } from './withTempDataDir';

/** The member erased: one of the fixture's eight authors. */
const ERASED = 'member-3';
const MARKER = 'Only the erased member wrote this: VERMILION-ABACUS-4471.';

export interface EraseBench {
  erase_member_s: number;
  erase_member_device_s: number;
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

    logProgress('erase: the same erasure on a device holding the whole workspace…');
    const core = await createBenchCore(deviceDir);
    let deviceSeconds: number;
    try {
      const started = performance.now();
      const result = await core.dispatch('member.erase', { workspaceId: fixture.workspaceId, memberId: ERASED });
      if (!result.ok) throw new Error(result.error.message);
      deviceSeconds = (performance.now() - started) / 1000;
    } finally {
      await core.close();
    }
    return {
      erase_member_s: Math.round(relaySeconds * 100) / 100,
      erase_member_device_s: Math.round(deviceSeconds * 100) / 100,
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
