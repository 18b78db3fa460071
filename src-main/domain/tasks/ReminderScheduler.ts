/**
 * Fires task reminders on this device: wakes at the next reminder time of
 * any open workspace (or at least every `maxIntervalMs`), emits
 * `task.reminder` for each open task whose time has come, and records it as
 * shown so it never fires twice here (each device reminds its own user;
 * the record is local, never synced). Tasks changing wake it early, since a
 * reminder may have been set for a moment before the planned wake-up.
 */
import type { EventPayload } from '../../common/contract';
import type { Logger } from '../../common/Logger';
import type { WorkspaceService } from '../WorkspaceService';
import type { DueReminder, TaskService } from './TaskService';

export interface ReminderSchedulerDeps {
  workspaces: WorkspaceService;
  tasks: TaskService;
  now: () => number;
  emit: (payload: EventPayload<'task.reminder'>) => void;
  log: Logger;
  /** Longest sleep between two checks (default one minute). */
  maxIntervalMs?: number;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly maxIntervalMs: number;

  constructor(private readonly deps: ReminderSchedulerDeps) {
    this.maxIntervalMs = deps.maxIntervalMs ?? 60_000;
  }

  /** Checks now, then keeps checking until `close`. */
  start(): void {
    this.running = true;
    this.wake(0);
  }

  /** Tasks changed: check again soon. */
  poke(): void {
    if (this.running) this.wake(0);
  }

  /** One pass over the open workspaces: emits and records every due reminder; returns them. */
  check(): DueReminder[] {
    const now = this.deps.now();
    const fired: DueReminder[] = [];
    for (const ws of this.deps.workspaces.list(true)) {
      if (!this.deps.workspaces.openHandle(ws.id)) continue;
      try {
        const due = this.deps.tasks.dueReminders(ws.id, now);
        if (due.length === 0) continue;
        // Recorded before it is shown: a reminder is better missed once than repeated forever.
        this.deps.tasks.markReminded(ws.id, due, now);
        for (const r of due) {
          fired.push(r);
          this.deps.emit({ workspaceId: r.workspaceId, taskId: r.taskId, title: r.title, dhId: r.dhId });
        }
      } catch (err) {
        this.deps.log('error', `cannot check the task reminders of ${ws.id}`, err);
      }
    }
    return fired;
  }

  close(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private wake(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    if (!this.running) return;
    this.check();
    this.wake(this.nextDelay());
  }

  /** Until the next reminder of an open workspace, within [1 s, maxIntervalMs]. */
  private nextDelay(): number {
    const now = this.deps.now();
    let next: number | null = null;
    for (const ws of this.deps.workspaces.list(true)) {
      try {
        const at = this.deps.tasks.nextReminderAfter(ws.id, now);
        if (at !== null && (next === null || at < next)) next = at;
      } catch (err) {
        this.deps.log('warn', `cannot read the next task reminder of ${ws.id}`, err);
      }
    }
    return next === null ? this.maxIntervalMs : Math.min(this.maxIntervalMs, Math.max(1000, next - now));
  }
}
