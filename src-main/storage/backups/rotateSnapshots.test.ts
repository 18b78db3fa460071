import { describe, expect, it } from 'vitest';
import { snapshotIdAt, snapshotTime } from './snapshotFiles';
import { snapshotsToKeep } from './rotateSnapshots';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 5, 17, 30);

function every(hours: number, count: number): { id: string; takenAt: number }[] {
  return Array.from({ length: count }, (_, i) => ({ id: `s${i}`, takenAt: NOW - i * hours * HOUR }));
}

describe('snapshot rotation', () => {
  it('keeps one per hour for a day, one per day for a week and one per week for a month', () => {
    // One snapshot every hour for 40 days.
    const kept = snapshotsToKeep(every(1, 40 * 24), NOW, { intervalMinutes: 60, hourly: 24, daily: 7, weekly: 5 });
    const ages = [...kept].map((id) => Number(id.slice(1))).sort((a, b) => a - b);
    expect(ages.slice(0, 24)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    // The newest of each day beyond the first (hours 24, 48, … 144) and of each week beyond the first (168, … 672).
    expect(ages.slice(24)).toEqual([24, 48, 72, 96, 120, 144, 168, 336, 504, 672]);
  });

  it('always keeps the newest snapshot, even an old one with every count at zero, and all of the last interval', () => {
    const snapshots = every(1000, 3);
    expect([...snapshotsToKeep(snapshots, NOW, { intervalMinutes: 60, hourly: 0, daily: 0, weekly: 0 })]).toEqual(['s0']);
    const recent = [0, 5, 50, 70].map((minutes) => ({ id: `m${minutes}`, takenAt: NOW - minutes * 60_000 }));
    expect([...snapshotsToKeep(recent, NOW, { intervalMinutes: 60, hourly: 0, daily: 0, weekly: 0 })]).toEqual(['m0', 'm5', 'm50']);
  });

  it('names a snapshot by its UTC time and reads it back; nothing else is a snapshot id', () => {
    const id = snapshotIdAt(Date.UTC(2026, 11, 5, 17, 32, 55, 123));
    expect(id).toBe('20261205T173255123Z');
    expect(snapshotTime(id)).toBe(Date.UTC(2026, 11, 5, 17, 32, 55, 123));
    for (const bad of ['../20261205T173255123Z', '20261205T173255123Z.db', '20261399T999999999Z', '']) expect(snapshotTime(bad)).toBeNull();
  });
});
