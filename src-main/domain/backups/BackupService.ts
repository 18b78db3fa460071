/**
 * Backups and recovery of workspaces (docs/backups.md): snapshots taken with
 * SQLite's online backup API and checked before they count, kept by a
 * rotating schedule; restoring one (the current file is moved aside, never
 * deleted); and checking a workspace's file.
 *
 * An open workspace is copied through its own connection, so its writes go
 * on during the copy and land in it; a closed one through a connection of
 * its own, closed after. A snapshot whose copy fails its check means the
 * workspace itself is damaged: it is marked so, and no good snapshot is
 * rotated away for it.
 */
import { NotFoundError, WorkspaceDamagedError } from '../../common/AppError';
import { backupScheduleSchema, DEFAULT_BACKUP_SCHEDULE, type BackupSchedule, type BackupUsage, type RestoreResult, type Snapshot, type WorkspaceCheck } from '../../common/contract/backupChannels';
import type { Logger } from '../../common/Logger';
import type { AppRegistry } from '../../storage/AppRegistry';
import { checkWorkspaceFile, openSnapshotSource } from '../../storage/backups/checkDbFile';
import { DbFileDamagedError, isCorruptionError } from '../../storage/backups/dbFileDamage';
import { restoreSnapshotFile, workspaceFileChangedAt } from '../../storage/backups/restoreSnapshotFile';
import { rotateSnapshots } from '../../storage/backups/rotateSnapshots';
import { backupsRoot, listSnapshotFiles, snapshotBytes, snapshotUsage, workspaceBackupDir, type SnapshotFile } from '../../storage/backups/snapshotFiles';
import { writeSnapshot } from '../../storage/backups/writeSnapshot';
import { workspaceDbPath } from '../../storage/workspacePaths';
import type { WorkspaceService } from '../WorkspaceService';

export interface BackupServiceDeps {
  dataDir: string;
  registry: AppRegistry;
  workspaces: WorkspaceService;
  now: () => number;
  log: Logger;
  /** Told when a workspace's snapshots changed. */
  onChanged: (workspaceId: string) => void;
  nativeBinding?: string;
  /** Pages copied per step of the online backup. */
  pagesPerStep?: number;
}

const SCHEDULE_KEY = 'backupSchedule';

export class BackupService {
  /** Snapshots under way, per workspace: a second request waits for the first. */
  private readonly running = new Map<string, Promise<Snapshot>>();

  constructor(private readonly deps: BackupServiceDeps) {}

  /** The schedule (the default until one is saved). */
  schedule(): BackupSchedule {
    const saved = backupScheduleSchema.safeParse(this.deps.registry.getSetting(SCHEDULE_KEY));
    return saved.success ? saved.data : DEFAULT_BACKUP_SCHEDULE;
  }

  /** Saves the schedule; it applies from the next pass (rotation included). */
  setSchedule(schedule: BackupSchedule): BackupSchedule {
    this.deps.registry.setSetting(SCHEDULE_KEY, backupScheduleSchema.parse(schedule));
    return this.schedule();
  }

  /** Bytes used by every snapshot on this device. */
  totalBytes(): number {
    return snapshotBytes(this.deps.dataDir);
  }

  /** Where snapshots live and the space they take, in all and per workspace (named when this device lists it). */
  usage(): BackupUsage {
    const names = new Map(this.deps.workspaces.list(true).map((w) => [w.id, w.name]));
    const workspaces = snapshotUsage(this.deps.dataDir).map((u) => ({ ...u, name: names.get(u.workspaceId) ?? null }));
    return { folder: backupsRoot(this.deps.dataDir), totalBytes: workspaces.reduce((sum, u) => sum + u.bytes, 0), workspaces };
  }

  /** The verified snapshots of workspace `id`, newest first. */
  list(workspaceId: string): Snapshot[] {
    this.deps.workspaces.get(workspaceId);
    return listSnapshotFiles(this.deps.dataDir, workspaceId).map((s) => toSnapshot(workspaceId, s));
  }

  /** Takes a snapshot of workspace `id` now, then rotates its snapshots. */
  create(workspaceId: string): Promise<Snapshot> {
    this.deps.workspaces.get(workspaceId);
    const damage = this.deps.workspaces.damage(workspaceId);
    if (damage) return Promise.reject(this.deps.workspaces.markDamaged(workspaceId, new DbFileDamagedError(damage.reason)));
    const existing = this.running.get(workspaceId);
    if (existing) return existing;
    const run = this.snapshot(workspaceId).finally(() => this.running.delete(workspaceId));
    this.running.set(workspaceId, run);
    return run;
  }

  /** Resolves once a snapshot of `workspaceId` under way (if any) has ended. */
  async settle(workspaceId: string): Promise<void> {
    await this.running.get(workspaceId)?.catch(() => undefined);
  }

  /**
   * One scheduled pass: a snapshot of each workspace that changed since its
   * newest one and whose newest is older than the interval, then rotation.
   * Damaged workspaces are skipped; one failure does not stop the pass.
   */
  async runPass(): Promise<void> {
    const schedule = this.schedule();
    for (const ws of this.deps.workspaces.list(true)) {
      if (this.deps.workspaces.damage(ws.id)) continue;
      const newest = listSnapshotFiles(this.deps.dataDir, ws.id)[0];
      const changedAt = workspaceFileChangedAt(this.deps.dataDir, ws.id);
      const due = !newest || (changedAt !== null && changedAt > newest.takenAt && this.deps.now() - newest.takenAt >= schedule.intervalMinutes * 60_000);
      try {
        if (due) await this.create(ws.id);
        else this.rotate(ws.id);
      } catch (err) {
        if (!(err instanceof WorkspaceDamagedError)) this.deps.log('error', `cannot take a snapshot of workspace ${ws.id}`, err);
      }
    }
  }

  /**
   * Restores snapshot `snapshotId` (default: the newest) of workspace `id`:
   * closes it, moves its current files aside, copies the snapshot in, lifts
   * the damaged mark and opens it again to prove it works. A snapshot of it
   * under way is waited for first.
   */
  async restore(workspaceId: string, snapshotId?: string): Promise<RestoreResult> {
    this.deps.workspaces.get(workspaceId);
    await this.settle(workspaceId);
    const snapshots = listSnapshotFiles(this.deps.dataDir, workspaceId);
    const chosen = snapshotId === undefined ? snapshots[0] : snapshots.find((s) => s.id === snapshotId);
    if (!chosen) {
      throw new NotFoundError(
        snapshotId === undefined ? `Workspace ${workspaceId} has no snapshot yet` : `No snapshot ${snapshotId} of workspace ${workspaceId}: qwanyx backup list --workspace ${workspaceId} shows them`,
      );
    }
    this.deps.workspaces.release(workspaceId);
    const files = restoreSnapshotFile(this.deps.dataDir, workspaceId, chosen.id, this.deps.now());
    this.deps.workspaces.clearDamaged(workspaceId);
    this.deps.workspaces.handle(workspaceId);
    this.deps.onChanged(workspaceId);
    return { workspaceId, snapshot: toSnapshot(workspaceId, chosen), ...files };
  }

  /**
   * Checks workspace `id`'s file (a full `quick_check`, on a connection of
   * its own). A sound file lifts a damaged mark; a damaged one is marked.
   */
  async check(workspaceId: string): Promise<WorkspaceCheck> {
    this.deps.workspaces.get(workspaceId);
    const problems = await checkWorkspaceFile(workspaceDbPath(this.deps.dataDir, workspaceId), this.deps.nativeBinding);
    if (problems.length === 0) this.deps.workspaces.clearDamaged(workspaceId);
    else if (!this.deps.workspaces.damage(workspaceId)) this.deps.workspaces.markDamaged(workspaceId, new DbFileDamagedError(problems.join('; ')));
    const latest = listSnapshotFiles(this.deps.dataDir, workspaceId)[0];
    return {
      workspaceId,
      ok: problems.length === 0,
      problems,
      damaged: this.deps.workspaces.damage(workspaceId) !== null,
      latestSnapshot: latest ? toSnapshot(workspaceId, latest) : null,
    };
  }

  private async snapshot(workspaceId: string): Promise<Snapshot> {
    const dir = workspaceBackupDir(this.deps.dataDir, workspaceId);
    const open = this.deps.workspaces.openHandle(workspaceId);
    const options = {
      ...(this.deps.pagesPerStep !== undefined ? { pagesPerStep: this.deps.pagesPerStep } : {}),
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
    };
    let taken: SnapshotFile;
    try {
      if (open) taken = await writeSnapshot(open.storage.db, dir, this.deps.now(), options);
      else {
        const file = workspaceDbPath(this.deps.dataDir, workspaceId);
        const source = openSnapshotSource(file, this.deps.nativeBinding);
        try {
          taken = await writeSnapshot(source, dir, this.deps.now(), options);
        } finally {
          source.close();
        }
      }
    } catch (err) {
      if (isCorruptionError(err)) throw this.deps.workspaces.markDamaged(workspaceId, err);
      throw err;
    }
    this.rotate(workspaceId);
    this.deps.onChanged(workspaceId);
    return toSnapshot(workspaceId, taken);
  }

  private rotate(workspaceId: string): void {
    const removed = rotateSnapshots(listSnapshotFiles(this.deps.dataDir, workspaceId), this.deps.now(), this.schedule());
    if (removed.length > 0) this.deps.onChanged(workspaceId);
  }
}

function toSnapshot(workspaceId: string, file: SnapshotFile): Snapshot {
  return { id: file.id, workspaceId, takenAt: file.takenAt, bytes: file.bytes };
}
