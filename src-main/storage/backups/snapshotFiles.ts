/**
 * Where snapshots live: `<dataDir>/backups/<workspaceId>/<snapshotId>.db`,
 * beside `<dataDir>/workspaces/`. A snapshot id is its UTC time to the
 * millisecond (`20261205T173255123Z`), so names sort by age and no id can
 * reach outside its folder. A snapshot being written is `<id>.db.partial`
 * until it passes its check; only `.db` files count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../common/AppError';
import { workspaceDir } from '../workspacePaths';

/** The pattern of a snapshot id. */
export const SNAPSHOT_ID_PATTERN = /^\d{8}T\d{9}Z$/;

/** One verified snapshot on disk. */
export interface SnapshotFile {
  id: string;
  /** When it was taken (ms since the epoch). */
  takenAt: number;
  bytes: number;
  file: string;
}

/** Folder that holds every workspace's snapshots. */
export function backupsRoot(dataDir: string): string {
  return path.resolve(dataDir, 'backups');
}

/** Folder of one workspace's snapshots (the id is checked like the workspace folder's). */
export function workspaceBackupDir(dataDir: string, workspaceId: string): string {
  workspaceDir(dataDir, workspaceId);
  return path.join(backupsRoot(dataDir), workspaceId);
}

/** The id of a snapshot taken at `time`. */
export function snapshotIdAt(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 23).replace(/[:.]/g, '')}Z`;
}

/** The time of snapshot `id`, or null when it is not a snapshot id. */
export function snapshotTime(id: string): number | null {
  if (!SNAPSHOT_ID_PATTERN.test(id)) return null;
  const iso = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}.${id.slice(15, 18)}Z`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** The file of snapshot `id` of a workspace; throws a ValidationError on a malformed id. */
export function snapshotFile(dataDir: string, workspaceId: string, id: string): string {
  if (snapshotTime(id) === null) throw new ValidationError(`Invalid snapshot id ${JSON.stringify(id.slice(0, 40))}`);
  return path.join(workspaceBackupDir(dataDir, workspaceId), `${id}.db`);
}

/** The verified snapshots of a workspace, newest first. */
export function listSnapshotFiles(dataDir: string, workspaceId: string): SnapshotFile[] {
  const dir = workspaceBackupDir(dataDir, workspaceId);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: SnapshotFile[] = [];
  for (const name of names) {
    if (!name.endsWith('.db')) continue;
    const id = name.slice(0, -3);
    const takenAt = snapshotTime(id);
    if (takenAt === null) continue;
    const file = path.join(dir, name);
    try {
      found.push({ id, takenAt, bytes: fs.statSync(file).size, file });
    } catch {
      // Removed meanwhile by a rotation.
    }
  }
  return found.sort((a, b) => b.takenAt - a.takenAt);
}

/** The space one workspace's snapshot folder takes. */
export interface SnapshotUsage {
  workspaceId: string;
  /** Verified snapshots in it. */
  snapshots: number;
  /** Bytes of every file in it (a snapshot being written included). */
  bytes: number;
}

/** The space each workspace's snapshots take, largest first (folders that are not a workspace id are left out). */
export function snapshotUsage(dataDir: string): SnapshotUsage[] {
  let dirs: string[];
  try {
    dirs = fs.readdirSync(backupsRoot(dataDir));
  } catch {
    return [];
  }
  const usage: SnapshotUsage[] = [];
  for (const dir of dirs) {
    try {
      workspaceBackupDir(dataDir, dir);
    } catch {
      continue;
    }
    let snapshots = 0;
    let bytes = 0;
    try {
      for (const name of fs.readdirSync(path.join(backupsRoot(dataDir), dir))) {
        bytes += fs.statSync(path.join(backupsRoot(dataDir), dir, name)).size;
        if (name.endsWith('.db') && snapshotTime(name.slice(0, -3)) !== null) snapshots += 1;
      }
    } catch {
      // Not a folder, or removed meanwhile.
      continue;
    }
    usage.push({ workspaceId: dir, snapshots, bytes });
  }
  return usage.sort((a, b) => b.bytes - a.bytes || a.workspaceId.localeCompare(b.workspaceId));
}

/** Bytes used by every snapshot of every workspace. */
export function snapshotBytes(dataDir: string): number {
  return snapshotUsage(dataDir).reduce((sum, u) => sum + u.bytes, 0);
}
