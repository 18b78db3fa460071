/**
 * Contract of backups and recovery: automatic snapshots of each workspace's
 * database (taken with SQLite's online backup API, checked before they
 * count), their schedule and the space they use, restoring one, and checking
 * a workspace's file. Snapshots hold the database only: keychain secrets
 * are never in it.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { emptyInputSchema } from './appChannels';

/** A snapshot id: its UTC time to the millisecond, `20261205T173255123Z`. */
export const snapshotIdSchema = z.string().regex(/^\d{8}T\d{9}Z$/, 'Snapshot id looks like 20261205T173255123Z');

/**
 * How often snapshots are taken and how many are kept: one at most every
 * `intervalMinutes` while the workspace changes; the newest of each of the
 * last `hourly` hours, `daily` days and `weekly` weeks stays, and so do the
 * newest snapshot and every one of the last interval.
 */
export const backupScheduleSchema = z
  .object({
    intervalMinutes: z.number().int().min(5).max(10_080),
    hourly: z.number().int().min(0).max(168),
    daily: z.number().int().min(0).max(90),
    weekly: z.number().int().min(0).max(104),
  })
  .strict();

/** The schedule of a new install: hourly for a day, daily for a week, weekly for a month. */
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { intervalMinutes: 60, hourly: 24, daily: 7, weekly: 5 };

export const snapshotSchema = z.object({
  id: snapshotIdSchema,
  workspaceId: workspaceIdSchema,
  takenAt: z.number().int(),
  bytes: z.number().int(),
});

/** What restoring a snapshot did. */
export const restoreResultSchema = z.object({
  workspaceId: workspaceIdSchema,
  snapshot: snapshotSchema,
  /** Folder the previous database files were moved to (never deleted), or null when there were none. */
  movedAsideTo: z.string().nullable(),
  /** Last change of the previous files: changes between the snapshot and this time are not in the restored workspace. */
  previousChangedAt: z.number().int().nullable(),
});

/** The state of one workspace's file. */
export const workspaceCheckSchema = z.object({
  workspaceId: workspaceIdSchema,
  ok: z.boolean(),
  /** What is wrong, in words (empty when ok). */
  problems: z.array(z.string()),
  /** Marked damaged on this device: closed until it is restored. */
  damaged: z.boolean(),
  latestSnapshot: snapshotSchema.nullable(),
});

/** A workspace marked damaged on this device: why, and since when. */
export const damageMarkSchema = z.object({ workspaceId: workspaceIdSchema, reason: z.string(), at: z.number().int() });

/** What the recovery view of a workspace shows: what happened and which ways back exist. */
export const recoveryInfoSchema = z.object({
  workspaceId: workspaceIdSchema,
  damage: damageMarkSchema.nullable(),
  latestSnapshot: snapshotSchema.nullable(),
  /** Last change of the current file: what was written after the latest snapshot is lost by restoring it. */
  fileChangedAt: z.number().int().nullable(),
  /** The relay it is linked to, when it can be rebuilt from one. */
  relayUrl: z.string().nullable(),
});

/** What rebuilding a workspace from its relay did. */
export const rebuildResultSchema = z.object({
  workspaceId: workspaceIdSchema,
  /** Folder the damaged files were moved to (never deleted), or null when there were none. */
  movedAsideTo: z.string().nullable(),
  /** Local changes read from the damaged file's outbox and sent again; null when the outbox could not be read. */
  outboxChanges: z.number().int().nullable(),
  /** Every doc came back from the relay before the time ran out. */
  synced: z.boolean(),
  /** Docs the rebuilt workspace holds. */
  docs: z.number().int(),
});

/** What recovering the readable part of a damaged file did. */
export const recoverResultSchema = z.object({
  /** The new workspace holding what could be read. */
  workspace: z.object({ id: workspaceIdSchema, name: z.string() }),
  fromWorkspaceId: workspaceIdSchema,
  docs: z.number().int(),
  /** Rows read, and rows or pages that could not be read and were skipped. */
  rowsRead: z.number().int(),
  skipped: z.number().int(),
});

/** Where snapshots live on this device and the space they take, in all and per workspace. */
export const backupUsageSchema = z.object({
  /** The folder that holds every workspace's snapshots. */
  folder: z.string(),
  totalBytes: z.number().int(),
  /** Largest first; `name` is null for a folder of a workspace this device no longer lists. */
  workspaces: z.array(z.object({ workspaceId: workspaceIdSchema, name: z.string().nullable(), snapshots: z.number().int(), bytes: z.number().int() })),
});

const backupSettingsSchema = z.object({ schedule: backupScheduleSchema, totalBytes: z.number().int() });
const workspaceInput = z.object({ workspaceId: workspaceIdSchema }).strict();

/** Backup channels: name → input and output schema. */
export const backupChannels = {
  'backup.list': {
    input: workspaceInput,
    output: z.object({ snapshots: z.array(snapshotSchema), bytes: z.number().int() }),
  },
  'backup.create': { input: workspaceInput, output: snapshotSchema },
  'backup.restore': {
    input: z.object({ workspaceId: workspaceIdSchema, snapshotId: snapshotIdSchema.optional() }).strict(),
    output: restoreResultSchema,
  },
  'backup.settings.get': { input: emptyInputSchema, output: backupSettingsSchema },
  'backup.settings.set': { input: z.object({ schedule: backupScheduleSchema }).strict(), output: backupSettingsSchema },
  /** The snapshots folder and the space used, in all and per workspace (Settings → Backups). */
  'backup.usage': { input: emptyInputSchema, output: backupUsageSchema },
  'workspace.check': { input: z.object({ id: workspaceIdSchema }).strict(), output: workspaceCheckSchema },
  /** The workspaces marked damaged on this device (the rail shows them). */
  'workspace.damagedList': { input: emptyInputSchema, output: z.array(damageMarkSchema) },
  'workspace.recovery': { input: z.object({ id: workspaceIdSchema }).strict(), output: recoveryInfoSchema },
  /** A fresh file filled from the relay (and the damaged file's outbox); waits up to `timeoutSeconds` (default 60). */
  'workspace.rebuild': {
    input: z.object({ id: workspaceIdSchema, timeoutSeconds: z.number().int().min(1).max(3600).optional() }).strict(),
    output: rebuildResultSchema,
  },
  /** Copies what is readable of a damaged file into a new workspace; the damaged one stays as it is. */
  'workspace.recover': { input: z.object({ id: workspaceIdSchema }).strict(), output: recoverResultSchema },
} as const;

/** Backup events: name → payload schema. */
export const backupEvents = {
  /** The snapshots of a workspace changed (taken, rotated or restored). */
  'backups.changed': z.object({ workspaceId: workspaceIdSchema }),
  /** A workspace's file was found damaged and closed; `message` says what to do. */
  'workspace.damaged': z.object({ workspaceId: workspaceIdSchema, message: z.string() }),
} as const;

export type BackupSchedule = z.output<typeof backupScheduleSchema>;
export type Snapshot = z.output<typeof snapshotSchema>;
export type BackupUsage = z.output<typeof backupUsageSchema>;
export type RestoreResult = z.output<typeof restoreResultSchema>;
export type WorkspaceCheck = z.output<typeof workspaceCheckSchema>;
export type DamageMarkInfo = z.output<typeof damageMarkSchema>;
export type RecoveryInfo = z.output<typeof recoveryInfoSchema>;
export type RebuildResult = z.output<typeof rebuildResultSchema>;
export type RecoverResult = z.output<typeof recoverResultSchema>;
