/**
 * The ways back for a damaged workspace besides restoring a snapshot
 * (docs/backups.md "Recovering"):
 *
 * - rebuild from the relay: the damaged files are moved aside (never
 *   deleted), a fresh file is made under the same workspace id, the local
 *   changes the relay had not acknowledged that can still be read from the
 *   damaged file are put back in it as local changes (so they are sent), and
 *   the workspace syncs: every doc the relay holds comes back;
 * - recover what is readable: the damaged file is read row by row, broken
 *   pages skipped, and every doc that decodes is copied into a new
 *   workspace; the damaged one stays as it is.
 *
 * And what the recovery view shows: what happened, the latest snapshot, and
 * which of these ways exist.
 */
import { ValidationError } from '../../common/AppError';
import type { DamageMarkInfo, RebuildResult, RecoverResult, RecoveryInfo } from '../../common/contract/backupChannels';
import type { Logger } from '../../common/Logger';
import type { AppRegistry } from '../../storage/AppRegistry';
import { fillClockGaps } from '../../storage/backups/fillClockGaps';
import { mergeReadableDoc } from '../../storage/backups/mergeReadableDoc';
import { outboxOf, readDamagedWorkspaceFile, type ReadableDoc } from '../../storage/backups/readDamagedWorkspaceFile';
import { moveWorkspaceFilesAside, workspaceFileChangedAt } from '../../storage/backups/restoreSnapshotFile';
import { listSnapshotFiles } from '../../storage/backups/snapshotFiles';
import { workspaceDbPath } from '../../storage/workspacePaths';
import { txOrigin } from '../../sync/TxOrigin';
import type { SyncService } from '../SyncService';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';

export interface RecoveryServiceDeps {
  dataDir: string;
  registry: AppRegistry;
  workspaces: WorkspaceService;
  sync: SyncService;
  now: () => number;
  log: Logger;
  /** Waits for a snapshot of the workspace under way, if any. */
  settleSnapshots: (workspaceId: string) => Promise<void>;
  /** Told when a workspace's damage mark or files changed. */
  onChanged: (workspaceId: string) => void;
  nativeBinding?: string;
}

const NAME_MAX = 80;

export class RecoveryService {
  constructor(private readonly deps: RecoveryServiceDeps) {}

  /** The workspaces marked damaged on this device. */
  damaged(): DamageMarkInfo[] {
    const marks: DamageMarkInfo[] = [];
    for (const ws of this.deps.workspaces.list(true)) {
      const mark = this.deps.workspaces.damage(ws.id);
      if (mark) marks.push({ workspaceId: ws.id, reason: String(mark.reason), at: Number(mark.at) });
    }
    return marks;
  }

  /** What the recovery view of workspace `id` shows. */
  info(workspaceId: string): RecoveryInfo {
    this.deps.workspaces.get(workspaceId);
    const damage = this.deps.workspaces.damage(workspaceId);
    const latest = listSnapshotFiles(this.deps.dataDir, workspaceId)[0];
    return {
      workspaceId,
      damage: damage ? { workspaceId, reason: damage.reason, at: damage.at } : null,
      latestSnapshot: latest ? { id: latest.id, workspaceId, takenAt: latest.takenAt, bytes: latest.bytes } : null,
      fileChangedAt: workspaceFileChangedAt(this.deps.dataDir, workspaceId),
      relayUrl: this.deps.registry.relays.getLink(workspaceId)?.relayUrl ?? null,
    };
  }

  /**
   * Rebuilds workspace `id` from its relay: a fresh file, the readable
   * outbox of the damaged one sent again, then every doc synced down. Waits
   * up to `timeoutMs` for the relay; past it the workspace keeps syncing
   * when connected, and `synced` says it was not done yet.
   */
  async rebuildFromRelay(workspaceId: string, timeoutMs: number): Promise<RebuildResult> {
    const ws = this.deps.workspaces.get(workspaceId);
    const link = this.deps.registry.relays.getLink(workspaceId);
    if (!link) {
      throw new ValidationError(
        `Workspace “${ws.name}” is not linked to a relay, so there is nothing to rebuild it from: restore a snapshot (qwanyx backup restore --workspace ${workspaceId}) or recover what is readable (qwanyx workspace recover ${workspaceId})`,
      );
    }
    await this.deps.settleSnapshots(workspaceId);
    this.deps.workspaces.release(workspaceId);
    const file = workspaceDbPath(this.deps.dataDir, workspaceId);
    const contents = readDamagedWorkspaceFile(file, this.deps.nativeBinding);
    const outbox = contents.pending === null ? null : outboxOf(contents);
    const aside = moveWorkspaceFilesAside(this.deps.dataDir, workspaceId, this.deps.now());
    this.deps.workspaces.clearDamaged(workspaceId);
    // A new, empty file under the same id; its sync wiring (pending changes) comes with it.
    const handle = this.deps.workspaces.handle(workspaceId, true);
    const outboxChanges = outbox === null ? null : this.copyDocs(handle, outbox, 'local');
    this.deps.sync.connect(workspaceId);
    const synced = await this.waitForRelay(workspaceId, timeoutMs);
    this.deps.workspaces.adoptSyncedSettings(workspaceId);
    this.deps.onChanged(workspaceId);
    return {
      workspaceId,
      movedAsideTo: aside.movedAsideTo,
      outboxChanges: outboxChanges === null ? null : outboxChanges.rows,
      synced,
      docs: handle.layout.syncedDocNames(handle.storage.db).length,
    };
  }

  /**
   * Copies what is readable of workspace `id`'s file into a new workspace
   * named after it. Workspace `id` is closed first and left as it is.
   */
  async recoverReadable(workspaceId: string): Promise<RecoverResult> {
    const ws = this.deps.workspaces.get(workspaceId);
    await this.deps.settleSnapshots(workspaceId);
    this.deps.workspaces.release(workspaceId);
    const contents = readDamagedWorkspaceFile(workspaceDbPath(this.deps.dataDir, workspaceId), this.deps.nativeBinding);
    if (contents.unreadable !== null || contents.docs.size === 0) {
      throw new ValidationError(
        `Nothing of workspace “${ws.name}” can be read: ${contents.unreadable ?? 'its file holds no readable data'}. Restore a snapshot instead (qwanyx backup restore --workspace ${workspaceId}), or rebuild it from its relay if it is linked`,
      );
    }
    const name = `${ws.name.slice(0, NAME_MAX - 12)} (recovered)`;
    const created = this.deps.workspaces.create({ name, kind: ws.kind, color: ws.color, icon: ws.icon });
    let copied: { docs: number; rows: number; dropped: number };
    try {
      copied = this.copyDocs(this.deps.workspaces.handle(created.id), [...contents.docs.values()], 'system');
      // Written after the recovered settings, so the new name wins over the old one.
      this.deps.workspaces.rename(created.id, name);
    } catch (err) {
      await this.deps.workspaces.delete(created.id, name).catch((cleanup: unknown) => this.deps.log('error', 'cannot remove a half-recovered workspace', cleanup));
      throw err;
    }
    this.deps.onChanged(workspaceId);
    return {
      workspace: { id: created.id, name },
      fromWorkspaceId: workspaceId,
      docs: copied.docs,
      rowsRead: contents.rowsRead,
      skipped: contents.failures + copied.dropped,
    };
  }

  /** Applies the readable rows of `docs` (docs this build knows only) to `handle`: meta first, as rooms are listed there. */
  private copyDocs(handle: WorkspaceHandle, docs: ReadableDoc[], source: 'local' | 'system'): { docs: number; rows: number; dropped: number } {
    const known = docs.filter((d) => handle.layout.kindOf(d.docName) !== null);
    known.sort((a, b) => (a.docName === 'meta' ? -1 : b.docName === 'meta' ? 1 : a.docName.localeCompare(b.docName)));
    let count = 0;
    let rows = 0;
    let dropped = 0;
    for (const doc of known) {
      const merged = mergeReadableDoc(doc);
      if (!merged) {
        dropped += (doc.snapshot ? 1 : 0) + doc.updates.length;
        continue;
      }
      // Into a new workspace, lost ranges are filled so later changes show; towards a relay, they may still come back.
      const update = source === 'system' ? fillClockGaps(merged.update) : merged.update;
      handle.docs.applyUpdate(doc.docName, update, txOrigin(source, 'recovery'));
      count += 1;
      rows += merged.kept;
      dropped += merged.dropped;
    }
    return { docs: count, rows, dropped };
  }

  /**
   * Waits until every synced doc of `id` is synced, docs that appear meanwhile
   * (rooms listed in the `meta` that just arrived) included.
   */
  private async waitForRelay(workspaceId: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.deps.sync.waitUntilSettled([workspaceId], left);
      const status = this.deps.sync.statusOf(workspaceId);
      if (status.state === 'error') return false;
      if (status.state === 'synced') {
        // Settled twice in a row, a moment apart: no doc was added in between.
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (this.deps.sync.statusOf(workspaceId).state === 'synced') return true;
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
