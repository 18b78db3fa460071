import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { writeMemberPolicy } from '../../src-main/common/governance/governanceRecords';
import { GuestExpiryTimers, MAX_TIMER_DELAY_MS } from './GuestExpiryTimers';

const DAY = 86_400_000;

function governance(expiries: Record<string, number | null>): Y.Doc {
  const doc = new Y.Doc();
  for (const [id, expiresAt] of Object.entries(expiries)) doc.getMap('members').set(id, writeMemberPolicy({ role: 'guest', expiresAt, updatedAt: 1, updatedBy: 'owner' }));
  return doc;
}

describe('GuestExpiryTimers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for the nearest expiry still ahead, ignoring past ones and members without one', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const due: string[] = [];
    const timers = new GuestExpiryTimers((ws) => due.push(ws));
    timers.arm('w1', governance({ past: 999_000, never: null, later: 1_009_000, sooner: 1_004_000 }));
    expect(timers.nextOf('w1')).toBe(1_004_000);
    vi.advanceTimersByTime(3_999);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(due).toEqual(['w1']);
    expect(timers.has('w1')).toBe(false);
  });

  it('keeps one timer per workspace: arming again replaces it', () => {
    vi.useFakeTimers({ now: 0 });
    const due: string[] = [];
    const timers = new GuestExpiryTimers((ws) => due.push(ws));
    timers.arm('w1', governance({ g: 1000 }));
    timers.arm('w1', governance({ g: 5000 }));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(due).toEqual([]);
    timers.arm('w1', governance({ g: null }));
    expect(vi.getTimerCount()).toBe(0);
    expect(timers.has('w1')).toBe(true);
    timers.clear('w1');
    expect(timers.has('w1')).toBe(false);
  });

  it('caps a far expiry at 2^31-1 ms and reaches it in steps', () => {
    vi.useFakeTimers({ now: 0 });
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const gov = governance({ g: 40 * DAY });
    const due: number[] = [];
    const timers = new GuestExpiryTimers(() => {
      due.push(Date.now());
      timers.arm('w1', gov);
    });
    timers.arm('w1', gov);
    expect(spy.mock.calls.at(-1)?.[1]).toBe(MAX_TIMER_DELAY_MS);
    vi.advanceTimersByTime(40 * DAY + 1);
    // One early wake-up at the cap, then the date itself; nothing armed after it.
    expect(due).toEqual([MAX_TIMER_DELAY_MS, 40 * DAY + 1]);
    expect(timers.nextOf('w1')).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });
});
