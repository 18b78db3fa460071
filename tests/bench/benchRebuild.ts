/**
 * Rebuilding a damaged workspace from its relay (`rebuild_from_relay_s`):
 * a team workspace with `total` messages over `rooms` rooms, written through
 * the real write path (room docs via DocManager.transact, projections and
 * full-text index following each change, many writes per SQLite
 * transaction) as the signed-in member, linked to a real relay (in this
 * process, over real WebSockets) and uploaded by its first sync; then its
 * file is damaged (pages in the middle overwritten) and `workspace.rebuild`
 * is timed on a fresh core, until every doc is synced back. The count of
 * messages in the rebuilt workspace must be `total`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Profile, RebuildResult, Room, Workspace, WorkspaceSyncStatus } from '../../src-main/common/contract';
import { createCore, type Core } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { roomDocName, writeMessageRecord } from '../../src-main/storage/rooms/roomDocFormat';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { startRelay } from '../../sync-server/startRelay';
import { logProgress } from './logProgress';
import { messageCorpus } from './messageCorpus';
import { seededRandom } from './seededRandom';
import { yieldToLoop } from './yieldToLoop';

export interface RebuildBench {
  messages: number;
  rooms: number;
  workspaceMb: number;
  buildMs: number;
  uploadMs: number;
  rebuildMs: number;
  restored: number;
}

const EMAIL = 'bench@example.com';
const PER_COMMIT = 500;

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Waits until workspace `id` is synced with nothing left to send. */
async function uploaded(core: Core, id: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await core.sync.waitUntilSettled([id], Math.max(1, deadline - Date.now()));
    const status: WorkspaceSyncStatus = core.sync.statusOf(id);
    if (status.state === 'synced' && status.pending === 0) return;
    if (status.state === 'error' || Date.now() > deadline) throw new Error(`upload to the relay did not finish: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the rebuild benchmark in `dataDir`. */
export async function benchRebuild(dataDir: string, total: number, rooms = 10): Promise<RebuildBench> {
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir: path.join(dataDir, 'relay'),
    secret: 'qwanyx-rebuild-bench-secret-0123456789abcdef',
    logLevel: 'warn',
    dev: true,
  });
  const secrets = new MemorySecretStore();
  const clientDir = path.join(dataDir, 'client');
  fs.mkdirSync(clientDir);
  const open = (): Promise<Core> =>
    createCore({
      dataDir: clientDir,
      secretStore: secrets,
      shell: 'cli',
      sync: { backoff: { minMs: 20, maxMs: 500 } },
      log: (level, msg, extra) => {
        if (level === 'error') process.stderr.write(`[core ${level}] ${msg} ${extra instanceof Error ? extra.stack : String(extra ?? '')}\n`);
      },
    });
  try {
    const started = performance.now();
    let core = await open();
    let workspaceId: string;
    let uploadMs: number;
    let buildMs: number;
    try {
      await call(core, 'relay.requestCode', { url: relay.url, email: EMAIL });
      await call(core, 'relay.signIn', { url: relay.url, email: EMAIL, code: relay.lastCode(EMAIL) });
      workspaceId = (await call<Workspace>(core, 'workspace.create', { name: 'Rebuild bench', kind: 'team' })).id;
      const me = (await call<Profile>(core, 'profile.get', {})).userId;
      const roomIds: string[] = [];
      for (let r = 0; r < rooms; r++) roomIds.push((await call<Room>(core, 'room.create', { workspaceId, name: `room-${r}`, kind: 'channel' })).id);
      const handle = core.workspaces.handle(workspaceId);
      const random = seededRandom(18);
      const corpus = messageCorpus();
      const base = Date.UTC(2025, 0, 1);
      let written = 0;
      while (written < total) {
        handle.storage.log.writeTransaction(() => {
          for (let i = 0; i < PER_COMMIT && written < total; i++, written++) {
            const roomId = roomIds[written % rooms]!;
            const id = `${roomId.slice(0, 6)}-${written}`;
            handle.docs.transact(roomDocName(roomId), txOrigin('local', me), (doc) => {
              doc.getMap('messages').set(
                id,
                writeMessageRecord({ id, authorId: me, text: corpus.sentence(random), createdAt: base + written * 1000, editedAt: null, deleted: false, threadRootId: null, mentions: [] }),
              );
            });
          }
        });
        if (written % 20_000 === 0) logProgress(`  ${written} messages written`);
        await yieldToLoop();
      }
      buildMs = performance.now() - started;
      const linking = performance.now();
      await call(core, 'workspace.link', { id: workspaceId, relayUrl: relay.url });
      await uploaded(core, workspaceId, 600_000);
      uploadMs = performance.now() - linking;
    } finally {
      await core.close();
    }

    const file = workspaceDbPath(clientDir, workspaceId);
    const workspaceMb = fs.statSync(file).size / 1024 / 1024;
    // A failing disk: 16 pages overwritten in the middle of the file.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(16 * 4096, 0x5a), 0, 16 * 4096, Math.floor(fs.statSync(file).size / 2 / 4096) * 4096);
    fs.closeSync(fd);

    core = await open();
    try {
      const rebuilding = performance.now();
      const result = await call<RebuildResult>(core, 'workspace.rebuild', { id: workspaceId, timeoutSeconds: 600 });
      const rebuildMs = performance.now() - rebuilding;
      const db = core.workspaces.handle(workspaceId).storage.db;
      const restored = (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
      if (!result.synced || restored !== total) throw new Error(`rebuild brought back ${restored} of ${total} messages (synced: ${result.synced})`);
      return { messages: total, rooms, workspaceMb, buildMs, uploadMs, rebuildMs, restored };
    } finally {
      await core.close();
    }
  } finally {
    await relay.close();
  }
}
