/**
 * The backup schedule as the Settings form edits it: four whole numbers
 * typed as text, checked against the same bounds as the core's
 * `backupScheduleSchema` (the renderer sees the contract as types only, so
 * the bounds are repeated here; an end-to-end test compares them), each
 * field with its own error. Pure functions, tested under Node.
 */
import type { BackupSchedule } from '../../../src-main/common/contract';

export type ScheduleField = keyof BackupSchedule;

export const SCHEDULE_FIELDS: readonly ScheduleField[] = ['intervalMinutes', 'hourly', 'daily', 'weekly'];

/** Inclusive bounds of each field: a snapshot at most every 5 minutes to once a week; up to a week of hourly, 90 daily, two years of weekly. */
export const SCHEDULE_LIMITS: Readonly<Record<ScheduleField, { min: number; max: number }>> = {
  intervalMinutes: { min: 5, max: 10_080 },
  hourly: { min: 0, max: 168 },
  daily: { min: 0, max: 90 },
  weekly: { min: 0, max: 104 },
};

export type ScheduleDraft = Record<ScheduleField, string>;

export function draftOf(schedule: BackupSchedule): ScheduleDraft {
  return { intervalMinutes: String(schedule.intervalMinutes), hourly: String(schedule.hourly), daily: String(schedule.daily), weekly: String(schedule.weekly) };
}

/** The number in `text`, or null when it is not a whole number within the field's bounds. */
export function parseScheduleField(field: ScheduleField, text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  const { min, max } = SCHEDULE_LIMITS[field];
  return value >= min && value <= max ? value : null;
}

/** The schedule a draft stands for, or the fields that are wrong. */
export function parseScheduleDraft(draft: ScheduleDraft): { schedule: BackupSchedule } | { invalid: ScheduleField[] } {
  const invalid = SCHEDULE_FIELDS.filter((field) => parseScheduleField(field, draft[field]) === null);
  if (invalid.length > 0) return { invalid };
  const value = (field: ScheduleField): number => parseScheduleField(field, draft[field]) ?? 0;
  return { schedule: { intervalMinutes: value('intervalMinutes'), hourly: value('hourly'), daily: value('daily'), weekly: value('weekly') } };
}

/** True when the draft differs from `schedule` (numbers compared, so "060" equals 60). */
export function isScheduleChanged(draft: ScheduleDraft, schedule: BackupSchedule): boolean {
  return SCHEDULE_FIELDS.some((field) => draft[field].trim() !== String(schedule[field]));
}
