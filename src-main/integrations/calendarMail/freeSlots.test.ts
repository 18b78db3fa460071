import { describe, expect, it } from 'vitest';
import { findFreeSlots, mergeIntervals } from './freeSlots';

const at = (iso: string): number => Date.parse(iso);
const span = (s: string, e: string) => ({ start: at(s), end: at(e) });
const iso = (slots: { start: number; end: number }[]) => slots.map((s) => [new Date(s.start).toISOString().slice(0, 16), new Date(s.end).toISOString().slice(0, 16)]);
const WORK = { workStartMinute: 9 * 60, workEndMinute: 17 * 60, utcOffsetMinutes: 0 };

describe('findFreeSlots', () => {
  it('merges overlapping and touching busy intervals', () => {
    expect(mergeIntervals([span('2026-12-07T10:00Z', '2026-12-07T11:00Z'), span('2026-12-07T09:00Z', '2026-12-07T10:00Z'), span('2026-12-07T10:30Z', '2026-12-07T12:00Z')])).toEqual([span('2026-12-07T09:00Z', '2026-12-07T12:00Z')]);
  });

  it('returns the gaps of working hours that fit the duration', () => {
    const busy = [span('2026-12-07T09:30Z', '2026-12-07T10:00Z'), span('2026-12-07T10:20Z', '2026-12-07T12:00Z'), span('2026-12-07T16:30Z', '2026-12-07T18:00Z')];
    const slots = findFreeSlots(busy, { from: at('2026-12-07T00:00Z'), to: at('2026-12-08T00:00Z'), durationMinutes: 30, ...WORK });
    expect(iso(slots)).toEqual([
      ['2026-12-07T09:00', '2026-12-07T09:30'],
      ['2026-12-07T12:00', '2026-12-07T16:30'],
    ]);
  });

  it('skips weekends unless asked, and honours the time zone offset', () => {
    // 2026-12-05 is a Saturday, 2026-12-07 a Monday.
    const q = { from: at('2026-12-05T00:00Z'), to: at('2026-12-08T00:00Z'), durationMinutes: 60, ...WORK };
    expect(iso(findFreeSlots([], q))).toEqual([['2026-12-07T09:00', '2026-12-07T17:00']]);
    expect(findFreeSlots([], { ...q, includeWeekends: true })).toHaveLength(3);
    // 09:00–17:00 at UTC+1 is 08:00–16:00 UTC.
    expect(iso(findFreeSlots([], { ...q, utcOffsetMinutes: 60 }))).toEqual([['2026-12-07T08:00', '2026-12-07T16:00']]);
  });

  it('starts at `from` inside a working day, and finds nothing in a full day', () => {
    const q = { from: at('2026-12-07T15:00Z'), to: at('2026-12-07T23:00Z'), durationMinutes: 90, ...WORK };
    expect(iso(findFreeSlots([], q))).toEqual([['2026-12-07T15:00', '2026-12-07T17:00']]);
    expect(findFreeSlots([span('2026-12-07T08:00Z', '2026-12-07T18:00Z')], { ...q, from: at('2026-12-07T00:00Z') })).toEqual([]);
    expect(findFreeSlots([], { ...q, to: q.from })).toEqual([]);
  });

  it('stops at the limit', () => {
    const q = { from: at('2026-12-07T00:00Z'), to: at('2026-12-19T00:00Z'), durationMinutes: 15, limit: 3, ...WORK };
    expect(findFreeSlots([], q)).toHaveLength(3);
  });
});
