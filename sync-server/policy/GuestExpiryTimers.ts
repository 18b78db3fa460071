/**
 * One timer per workspace for the nearest guest expiry its `governance` doc
 * gives (`members[id].expiresAt`), so a guest whose end date passes while
 * their socket is open loses it at that minute, not at the next governance
 * change or reconnect. Not one timer per socket: a workspace with a thousand
 * guest sockets holds one timer. Each relay node arms its own from the
 * governance doc it holds (updates from other nodes re-arm it too), so the
 * cutoff holds on every node without a message between them.
 *
 * `arm` is called whenever the governance doc changes and when a guest is
 * first served in a workspace; it always replaces the workspace's timer.
 * Node caps a timer's delay at 2^31-1 ms (about 24.8 days; a longer one
 * fires at once), so a far expiry is reached in steps: the timer fires
 * early, finds nothing due, and arms again. A timer that fires a little
 * before the date (clocks differ by a millisecond) arms again the same way.
 */
import type * as Y from 'yjs';
import { readMemberPolicy } from '../../src-main/common/governance/governanceRecords';

/** The longest delay setTimeout honours. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export class GuestExpiryTimers {
  /** Per workspace: its pending timer, or null when it was computed and nothing is due. */
  private readonly timers = new Map<string, NodeJS.Timeout | null>();
  private readonly nextDue = new Map<string, number>();

  /** `onDue(workspaceId)` runs when an expiry of that workspace is reached (the caller closes whoever it ended, then re-arms). */
  constructor(
    private readonly onDue: (workspaceId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the workspace's expiries were read since it was last cleared. */
  has(workspaceId: string): boolean {
    return this.timers.has(workspaceId);
  }

  /** The time (ms) the workspace's timer is set for, or null: for tests and logs. */
  nextOf(workspaceId: string): number | null {
    return this.nextDue.get(workspaceId) ?? null;
  }

  /** (Re)arms the workspace's timer for the nearest expiry still ahead in `governance` (nothing when null or none). */
  arm(workspaceId: string, governance: Y.Doc | null): void {
    this.clear(workspaceId);
    const now = this.now();
    const next = governance ? nearestExpiry(governance, now) : null;
    if (next === null) {
      this.timers.set(workspaceId, null);
      return;
    }
    // +1: fire at or just after the date, never just before it.
    const timer = setTimeout(() => {
      this.timers.delete(workspaceId);
      this.nextDue.delete(workspaceId);
      this.onDue(workspaceId);
    }, Math.min(next - now + 1, MAX_TIMER_DELAY_MS));
    // A pending expiry must not keep a stopping relay alive.
    timer.unref();
    this.timers.set(workspaceId, timer);
    this.nextDue.set(workspaceId, next);
  }

  /** Drops the workspace's timer (its governance doc leaves memory). */
  clear(workspaceId: string): void {
    const timer = this.timers.get(workspaceId);
    if (timer) clearTimeout(timer);
    this.timers.delete(workspaceId);
    this.nextDue.delete(workspaceId);
  }

  /** Drops every timer (the relay stops). */
  clearAll(): void {
    for (const workspaceId of [...this.timers.keys()]) this.clear(workspaceId);
  }
}

/** The earliest `expiresAt` after `now` among the governance doc's member records, or null. */
function nearestExpiry(governance: Y.Doc, now: number): number | null {
  let next: number | null = null;
  for (const [id, value] of governance.getMap('members').entries()) {
    const expiresAt = readMemberPolicy(id, value)?.expiresAt ?? null;
    if (expiresAt !== null && expiresAt > now && (next === null || expiresAt < next)) next = expiresAt;
  }
  return next;
}
