/**
 * Backups of a large workspace: a workspace filled to `targetMb` megabytes
 * (a filler table of incompressible rows beside its real docs, since the
 * online backup copies pages whatever they hold), then
 *
 * - a verified snapshot through `backup.create` (copy in steps and
 *   `quick_check` on a worker thread): megabytes per second, end to end;
 * - message posts every 10 ms while that snapshot runs: their latency,
 *   against the same posts with no snapshot running;
 * - `backup.restore` of that snapshot (move aside, copy in, sync, reopen): seconds.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Room, Snapshot, Workspace } from '../../src-main/common/contract';
import type { Core } from '../../src-main/core/createCore';
import { workspaceDbPath } from '../../src-main/storage/workspacePaths';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { percentile } from './percentile';

export interface BackupBench {
  workspaceMb: number;
  backupMs: number;
  backupMbPerS: number;
  writes: { duringBackup: Latencies; baseline: Latencies };
  restoreMs: number;
}

interface Latencies {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

function latencies(samples: number[]): Latencies {
  return { count: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples) };
}

/** Posts a message every 10 ms until `until` settles (or `count` posts), returning each post's latency. */
async function postWhile(core: Core, workspaceId: string, roomId: string, until: Promise<unknown> | null, count = 0): Promise<number[]> {
  let done = false;
  void until?.finally(() => (done = true));
  const samples: number[] = [];
  for (let i = 0; until ? !done : i < count; i++) {
    const started = performance.now();
    await call(core, 'message.post', { workspaceId, roomId, text: `Write ${i} while the snapshot runs` });
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return samples;
}

/** Runs the backup benchmark in `dataDir`. */
export async function benchBackup(dataDir: string, targetMb: number): Promise<BackupBench> {
  const core = await createBenchCore(dataDir);
  try {
    const ws = await call<Workspace>(core, 'workspace.create', { name: 'Backup bench' });
    const room = await call<Room>(core, 'room.create', { workspaceId: ws.id, name: 'general' });
    logProgress(`filling a workspace to ${targetMb} MB…`);
    const db = core.workspaces.handle(ws.id).storage.db;
    db.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO bench_filler (body) VALUES (?)');
    const bytes = (): number => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    while (bytes() < targetMb * 1024 * 1024) {
      const chunk = randomBytes(3900 * 5000);
      db.transaction(() => {
        for (let i = 0; i < 5000; i++) insert.run(chunk.subarray(i * 3900, (i + 1) * 3900));
      })();
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const workspaceMb = fs.statSync(workspaceDbPath(dataDir, ws.id)).size / (1024 * 1024);

    const baseline = await postWhile(core, ws.id, room.id, null, 300);
    logProgress(`snapshot of ${Math.round(workspaceMb)} MB while writing…`);
    const started = performance.now();
    const snapshot = call<Snapshot>(core, 'backup.create', { workspaceId: ws.id });
    const during = await postWhile(core, ws.id, room.id, snapshot);
    const taken = await snapshot;
    const backupMs = performance.now() - started;

    logProgress('restore…');
    const restoreStarted = performance.now();
    await call(core, 'backup.restore', { workspaceId: ws.id, snapshotId: taken.id });
    const restoreMs = performance.now() - restoreStarted;
    return {
      workspaceMb,
      backupMs,
      backupMbPerS: workspaceMb / (backupMs / 1000),
      writes: { duringBackup: latencies(during), baseline: latencies(baseline) },
      restoreMs,
    };
  } finally {
    await core.close();
  }
}
