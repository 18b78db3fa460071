/**
 * Runs the backup passes of the app (never of the one-shot CLI): a first
 * pass shortly after start, then one every few minutes; each pass decides
 * per workspace whether a snapshot is due (see `BackupService.runPass`).
 * Passes never overlap, and a snapshot copies in steps, so the person is
 * never blocked.
 */
import type { Logger } from '../../common/Logger';
import type { BackupService } from './BackupService';

export interface BackupSchedulerOptions {
  /** Delay before the first pass (default 60 s). */
  firstPassMs?: number;
  /** Time between passes (default 5 minutes). */
  everyMs?: number;
}

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly backups: BackupService,
    private readonly log: Logger,
    private readonly options: BackupSchedulerOptions = {},
  ) {}

  /** Starts the passes. */
  start(): void {
    if (this.stopped || this.timer) return;
    this.arm(this.options.firstPassMs ?? 60_000);
  }

  /** Stops the passes and waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.backups
        .runPass()
        .catch((err: unknown) => this.log('error', 'the backup pass failed', err))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.arm(this.options.everyMs ?? 300_000);
        });
    }, delay);
    this.timer.unref();
  }
}
