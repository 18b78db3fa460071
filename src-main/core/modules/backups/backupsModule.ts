/**
 * Backups and recovery: automatic snapshots of every workspace (SQLite's
 * online backup API, checked with `quick_check` before they count), their
 * rotating schedule, restoring one, and checking a workspace's file
 * (docs/backups.md). The scheduler runs in the app and the browser host,
 * never in the one-shot CLI.
 */
import { backupChannels, backupEvents } from '../../../common/contract';
import { BackupScheduler } from '../../../domain/backups/BackupScheduler';
import { BackupService } from '../../../domain/backups/BackupService';
import { RecoveryService } from '../../../domain/backups/RecoveryService';
import { defineModule } from '../../FeatureModule';
import { syncModule } from '../sync/syncModule';
import { backupCommand } from './backupCommand';

export const backupsModule = defineModule({
  name: 'backups',
  channels: backupChannels,
  events: backupEvents,
  cli: [backupCommand],
  create: (ctx) => {
    const backups = new BackupService({
      dataDir: ctx.config.dataDir,
      registry: ctx.registry,
      workspaces: ctx.workspaces,
      now: ctx.now,
      log: ctx.log,
      onChanged: (workspaceId) => ctx.bus.emit('backups.changed', { workspaceId }),
      ...(ctx.config.nativeBinding ? { nativeBinding: ctx.config.nativeBinding } : {}),
    });
    const { sync } = ctx.use(syncModule);
    const recovery = new RecoveryService({
      dataDir: ctx.config.dataDir,
      registry: ctx.registry,
      workspaces: ctx.workspaces,
      sync,
      now: ctx.now,
      log: ctx.log,
      settleSnapshots: (workspaceId) => backups.settle(workspaceId),
      onChanged: (workspaceId) => ctx.bus.emit('backups.changed', { workspaceId }),
      ...(ctx.config.nativeBinding ? { nativeBinding: ctx.config.nativeBinding } : {}),
    });
    return { backups, recovery, scheduler: new BackupScheduler(backups, ctx.log) };
  },
  handlers: ({ backups, recovery }) => ({
    'backup.list': (i) => {
      const snapshots = backups.list(i.workspaceId);
      return { snapshots, bytes: snapshots.reduce((sum, s) => sum + s.bytes, 0) };
    },
    'backup.create': (i) => backups.create(i.workspaceId),
    'backup.restore': (i) => backups.restore(i.workspaceId, i.snapshotId),
    'backup.settings.get': () => ({ schedule: backups.schedule(), totalBytes: backups.totalBytes() }),
    'backup.settings.set': (i) => ({ schedule: backups.setSchedule(i.schedule), totalBytes: backups.totalBytes() }),
    'backup.usage': () => backups.usage(),
    'workspace.check': (i) => backups.check(i.id),
    'workspace.damagedList': () => recovery.damaged(),
    'workspace.recovery': (i) => recovery.info(i.id),
    'workspace.rebuild': (i) => recovery.rebuildFromRelay(i.id, (i.timeoutSeconds ?? 60) * 1000),
    'workspace.recover': (i) => recovery.recoverReadable(i.id),
  }),
  start: ({ scheduler }, ctx) => {
    if (ctx.config.shell !== 'cli') scheduler.start();
  },
  close: ({ scheduler }) => scheduler.stop(),
});
