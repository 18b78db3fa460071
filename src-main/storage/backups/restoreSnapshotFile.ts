/**
 * Restoring a snapshot by files: the workspace's current database (with its
 * `-wal` and `-shm`) is moved aside into
 * `<dataDir>/workspaces/<id>/set-aside/<time>/`, never deleted, then the
 * snapshot is copied in under a temporary name, synced, and renamed to
 * `workspace.db`. The workspace must be closed first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../common/AppError';
import { workspaceDbPath, workspaceDir } from '../workspacePaths';
import { snapshotFile, snapshotIdAt } from './snapshotFiles';

/** What a restore did. */
export interface RestoredFiles {
  /** Folder the previous files were moved to, or null when there were none. */
  movedAsideTo: string | null;
  /** Last change of the previous files (ms), or null when there were none. */
  previousChangedAt: number | null;
}

const DB_FILES = ['workspace.db', 'workspace.db-wal', 'workspace.db-shm'];

/** Moves the current files of workspace `id` aside and copies snapshot `snapshotId` in. */
export function restoreSnapshotFile(dataDir: string, workspaceId: string, snapshotId: string, now: number): RestoredFiles {
  const source = snapshotFile(dataDir, workspaceId, snapshotId);
  if (!fs.existsSync(source)) throw new NotFoundError(`No snapshot ${snapshotId} of workspace ${workspaceId}`);
  const dir = workspaceDir(dataDir, workspaceId);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const aside = moveWorkspaceFilesAside(dataDir, workspaceId, now);
  const target = workspaceDbPath(dataDir, workspaceId);
  const temporary = `${target}.restoring`;
  fs.copyFileSync(source, temporary);
  const fd = fs.openSync(temporary, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  return aside;
}

/**
 * Moves workspace `id`'s database files (`workspace.db`, `-wal`, `-shm`) into
 * `set-aside/<time>/` beside them, never deleting them. The workspace must be closed.
 */
export function moveWorkspaceFilesAside(dataDir: string, workspaceId: string, now: number): RestoredFiles {
  const dir = workspaceDir(dataDir, workspaceId);
  const present = DB_FILES.filter((name) => fs.existsSync(path.join(dir, name)));
  if (present.length === 0) return { movedAsideTo: null, previousChangedAt: null };
  const aside = path.join(dir, 'set-aside', snapshotIdAt(now));
  fs.mkdirSync(aside, { recursive: true, mode: 0o700 });
  let changedAt = 0;
  for (const name of present) {
    const from = path.join(dir, name);
    changedAt = Math.max(changedAt, fs.statSync(from).mtimeMs);
    fs.renameSync(from, path.join(aside, name));
  }
  return { movedAsideTo: aside, previousChangedAt: Math.round(changedAt) };
}

/** Last change of workspace `id`'s database files (ms), or null when it has none. */
export function workspaceFileChangedAt(dataDir: string, workspaceId: string): number | null {
  let changedAt: number | null = null;
  for (const name of DB_FILES.slice(0, 2)) {
    try {
      const mtime = Math.round(fs.statSync(path.join(workspaceDir(dataDir, workspaceId), name)).mtimeMs);
      changedAt = Math.max(changedAt ?? 0, mtime);
    } catch {
      // Not there.
    }
  }
  return changedAt;
}
