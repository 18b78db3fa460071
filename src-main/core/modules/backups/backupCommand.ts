/**
 * `qwanyx backup list|create|restore|schedule`: snapshots of a workspace's
 * database, restoring one, and the schedule they follow.
 */
import type { BackupSchedule, BackupUsage, Snapshot } from '../../../common/contract';
import { callCore } from '../../cli/callCore';
import type { CliCommand } from '../../cli/CliCommand';
import { CliUsageError } from '../../cli/CliError';
import type { FlagValue } from '../../cli/CliContext';
import { resolveWorkspace } from '../../cli/resolveTargets';

/** A size in bytes as a person reads it: `812 KB`, `1.4 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** One line describing a snapshot. */
export function describeSnapshot(s: Snapshot): string {
  return `${s.id}  ${new Date(s.takenAt).toISOString()}  ${formatBytes(s.bytes)}`;
}

function countFlag(name: string, flag: FlagValue, max: number): number | undefined {
  if (flag === undefined) return undefined;
  const n = typeof flag === 'string' && /^\d{1,5}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isInteger(n) || n > max) throw new CliUsageError(`--${name} takes a number from 0 to ${max}`);
  return n;
}

function describeSchedule(schedule: BackupSchedule, usage: BackupUsage): string[] {
  const lines = [
    `Every ${schedule.intervalMinutes} minutes while a workspace changes; keeps the newest of the last ${schedule.hourly} hours, ${schedule.daily} days and ${schedule.weekly} weeks.`,
    `Snapshots use ${formatBytes(usage.totalBytes)} on this device, in ${usage.folder}`,
  ];
  for (const w of usage.workspaces) {
    lines.push(`  ${w.name ?? `${w.workspaceId} (not on this device)`}: ${w.snapshots} snapshot${w.snapshots === 1 ? '' : 's'}, ${formatBytes(w.bytes)}`);
  }
  return lines;
}

/** Snapshots of workspaces. */
export const backupCommand: CliCommand = {
  name: 'backup',
  subcommands: {
    list: {
      usage: 'backup list --workspace W [--json]',
      notes: ['(newest first, with time and size)'],
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const list = await callCore(core, 'backup.list', { workspaceId });
        if (flags.json) out(JSON.stringify(list));
        else if (list.snapshots.length === 0) out('No snapshots of this workspace yet.');
        else {
          for (const s of list.snapshots) out(describeSnapshot(s));
          out(`${list.snapshots.length} snapshot${list.snapshots.length === 1 ? '' : 's'}, ${formatBytes(list.bytes)}`);
        }
      },
    },
    create: {
      usage: 'backup create --workspace W [--json]',
      notes: ['(takes a verified snapshot now)'],
      flags: { workspace: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const snapshot = await callCore(core, 'backup.create', { workspaceId });
        out(flags.json ? JSON.stringify(snapshot) : `Snapshot ${describeSnapshot(snapshot)} (verified)`);
      },
    },
    restore: {
      usage: 'backup restore --workspace W [--snapshot ID] [--json]',
      notes: ['(default: the newest snapshot; the current file is moved aside, never deleted)'],
      flags: { workspace: 'string', snapshot: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const workspaceId = await resolveWorkspace(core, flags.workspace);
        const snapshotId = typeof flags.snapshot === 'string' ? flags.snapshot : undefined;
        const done = await callCore(core, 'backup.restore', { workspaceId, ...(snapshotId !== undefined ? { snapshotId } : {}) });
        if (flags.json) {
          out(JSON.stringify(done));
          return;
        }
        out(`Restored workspace ${workspaceId} as of ${new Date(done.snapshot.takenAt).toISOString()} (snapshot ${done.snapshot.id}).`);
        if (done.previousChangedAt !== null && done.previousChangedAt > done.snapshot.takenAt) {
          out(`Changes made on this device between then and ${new Date(done.previousChangedAt).toISOString()} are not in it.`);
        }
        if (done.movedAsideTo !== null) out(`The previous file was kept in ${done.movedAsideTo}`);
      },
    },
    schedule: {
      usage: 'backup schedule [--every-minutes N] [--hourly N] [--daily N] [--weekly N] [--json]',
      notes: ['(shows the schedule, the snapshots folder and the space used in all and per workspace; with flags, changes it)'],
      flags: { 'every-minutes': 'string', hourly: 'string', daily: 'string', weekly: 'string', json: 'boolean' },
      async run({ core, flags, out }) {
        const current = await callCore(core, 'backup.settings.get', {});
        const patch = {
          intervalMinutes: countFlag('every-minutes', flags['every-minutes'], 10_080),
          hourly: countFlag('hourly', flags.hourly, 168),
          daily: countFlag('daily', flags.daily, 90),
          weekly: countFlag('weekly', flags.weekly, 104),
        };
        const changed = Object.values(patch).some((v) => v !== undefined);
        const settings = changed
          ? await callCore(core, 'backup.settings.set', {
              schedule: {
                intervalMinutes: patch.intervalMinutes ?? current.schedule.intervalMinutes,
                hourly: patch.hourly ?? current.schedule.hourly,
                daily: patch.daily ?? current.schedule.daily,
                weekly: patch.weekly ?? current.schedule.weekly,
              },
            })
          : current;
        const usage = await callCore(core, 'backup.usage', {});
        if (flags.json) out(JSON.stringify({ ...settings, folder: usage.folder, workspaces: usage.workspaces }));
        else for (const line of describeSchedule(settings.schedule, usage)) out(line);
      },
    },
  },
};
