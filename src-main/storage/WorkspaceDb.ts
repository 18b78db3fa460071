/**
 * One workspace's database file, opened and migrated.
 */
import fs from 'node:fs';
import { DbFileDamagedError, foreignFileProblem, inspectDbFile } from './backups/dbFileDamage';
import { workspaceBackupDir } from './backups/snapshotFiles';
import { loadVectorExtension } from './memory/loadVectorExtension';
import { openSqlite, type SqliteDb } from './openSqlite';
import { runMigrations, type Migration } from './runMigrations';
import { UpdateLog } from './UpdateLog';
import { workspaceDbPath, workspaceDir } from './workspacePaths';

export interface WorkspaceDb {
  id: string;
  dir: string;
  db: SqliteDb;
  log: UpdateLog;
  close(): void;
}

export interface OpenWorkspaceDbOptions {
  create: boolean;
  /** The workspace schema's migrations (`WorkspaceSchema.migrations`). */
  migrations: readonly Migration[];
  nativeBinding?: string;
}

/** Opens (creating when `create` is set) the database of workspace `id` and runs its migrations. */
export function openWorkspaceDb(dataDir: string, id: string, options: OpenWorkspaceDbOptions): WorkspaceDb {
  const dir = workspaceDir(dataDir, id);
  if (options.create) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  else if (!fs.existsSync(dir)) throw new Error(`Workspace folder is missing: ${dir}`);
  else {
    // SQLite would open a missing or empty file as a new, empty database.
    const problem = inspectDbFile(workspaceDbPath(dataDir, id));
    if (problem !== null) throw new DbFileDamagedError(problem);
  }
  const db = openSqlite(workspaceDbPath(dataDir, id), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // An existing file that never was a workspace (another program's database under this name) is not migrated into one.
    const problem = options.create ? null : foreignFileProblem(db);
    if (problem !== null) throw new DbFileDamagedError(problem);
  } catch (err) {
    db.close();
    throw err;
  }
  // Vectors for memory recall; without the extension, recall uses full-text search only.
  loadVectorExtension(db);
  try {
    runMigrations(db, options.migrations, 'workspace');
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    id,
    dir,
    db,
    log: new UpdateLog(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Deletes a workspace's folder and everything in it, and its snapshots. */
export function removeWorkspaceFiles(dataDir: string, id: string): void {
  fs.rmSync(workspaceDir(dataDir, id), { recursive: true, force: true });
  fs.rmSync(workspaceBackupDir(dataDir, id), { recursive: true, force: true });
}
