/**
 * Free slots of a calendar, computed from its busy intervals: the parts of
 * the working hours between `from` and `to` that no busy interval covers and
 * that last at least `durationMinutes`. Working hours are given in the
 * person's local time as a fixed offset from UTC (`utcOffsetMinutes`, e.g.
 * 60 for Paris in winter); weekends (Saturday, Sunday) are skipped unless
 * `includeWeekends`. Pure: no clock, no I/O.
 */
export interface Interval {
  start: number;
  end: number;
}

export interface FreeSlotQuery {
  from: number;
  to: number;
  durationMinutes: number;
  /** Minutes after local midnight the working day starts and ends (e.g. 540 and 1020 for 09:00–17:00). */
  workStartMinute: number;
  workEndMinute: number;
  utcOffsetMinutes: number;
  includeWeekends?: boolean;
  /** At most this many slots (default 20). */
  limit?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Sorted, merged copy of `busy` (overlapping or touching intervals become one). */
export function mergeIntervals(busy: Interval[]): Interval[] {
  const sorted = busy.filter((b) => b.end > b.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ start: b.start, end: b.end });
  }
  return out;
}

/** The working-hour windows (UTC ms) that meet [from, to). */
export function workingWindows(q: Pick<FreeSlotQuery, 'from' | 'to' | 'workStartMinute' | 'workEndMinute' | 'utcOffsetMinutes' | 'includeWeekends'>): Interval[] {
  const offset = q.utcOffsetMinutes * MINUTE;
  const windows: Interval[] = [];
  // Local midnight of the day holding `from`, as UTC ms.
  let dayStart = Math.floor((q.from + offset) / DAY) * DAY - offset;
  for (; dayStart < q.to; dayStart += DAY) {
    const weekday = new Date(dayStart + offset).getUTCDay();
    if (!q.includeWeekends && (weekday === 0 || weekday === 6)) continue;
    const start = Math.max(q.from, dayStart + q.workStartMinute * MINUTE);
    const end = Math.min(q.to, dayStart + q.workEndMinute * MINUTE);
    if (end > start) windows.push({ start, end });
  }
  return windows;
}

/** The free slots (each a whole free stretch of at least the duration), earliest first. */
export function findFreeSlots(busy: Interval[], q: FreeSlotQuery): Interval[] {
  if (!(q.to > q.from)) return [];
  if (!(q.workEndMinute > q.workStartMinute)) return [];
  const need = q.durationMinutes * MINUTE;
  const limit = q.limit ?? 20;
  const merged = mergeIntervals(busy);
  const slots: Interval[] = [];
  for (const w of workingWindows(q)) {
    let cursor = w.start;
    for (const b of merged) {
      if (b.end <= cursor) continue;
      if (b.start >= w.end) break;
      if (b.start - cursor >= need) slots.push({ start: cursor, end: b.start });
      cursor = Math.max(cursor, b.end);
      if (cursor >= w.end) break;
    }
    if (w.end - cursor >= need) slots.push({ start: cursor, end: w.end });
    if (slots.length >= limit) return slots.slice(0, limit);
  }
  return slots;
}
