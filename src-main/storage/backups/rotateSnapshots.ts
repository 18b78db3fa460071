/**
 * Which snapshots a schedule keeps: the newest one always, every one taken
 * within the last interval (a snapshot taken by hand before a risky change
 * stays), then the newest of each of the last `hourly` hours, `daily` days
 * and `weekly` weeks (counted back from now). Everything else is removed. The choice is
 * made from the snapshots' times alone, so no state is kept beside them.
 */
import fs from 'node:fs';
import type { BackupSchedule } from '../../common/contract/backupChannels';
import type { SnapshotFile } from './snapshotFiles';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The ids to keep among `snapshots` (any order) at time `now`. */
export function snapshotsToKeep(snapshots: readonly Pick<SnapshotFile, 'id' | 'takenAt'>[], now: number, schedule: BackupSchedule): Set<string> {
  const newestFirst = [...snapshots].sort((a, b) => b.takenAt - a.takenAt);
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  for (const snapshot of newestFirst) if (now - snapshot.takenAt < schedule.intervalMinutes * 60_000) keep.add(snapshot.id);
  const tiers: [number, number][] = [
    [HOUR, schedule.hourly],
    [DAY, schedule.daily],
    [WEEK, schedule.weekly],
  ];
  for (const [span, count] of tiers) {
    const seen = new Set<number>();
    for (const snapshot of newestFirst) {
      const age = Math.floor((now - snapshot.takenAt) / span);
      if (age < 0 || age >= count || seen.has(age)) continue;
      seen.add(age);
      keep.add(snapshot.id);
    }
  }
  return keep;
}

/** Removes the snapshots the schedule does not keep; returns the ids removed. */
export function rotateSnapshots(snapshots: readonly SnapshotFile[], now: number, schedule: BackupSchedule): string[] {
  const keep = snapshotsToKeep(snapshots, now, schedule);
  const removed: string[] = [];
  for (const snapshot of snapshots) {
    if (keep.has(snapshot.id)) continue;
    fs.rmSync(snapshot.file, { force: true });
    removed.push(snapshot.id);
  }
  return removed;
}
