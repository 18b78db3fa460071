/**
 * The parts of large remote deletions a DocManager has received but not
 * applied yet (sync/splitDeleteSet.ts says why they come in parts), applied
 * oldest first, as many per turn of the event loop as start within
 * `stepMs`. Local writes of the doc go on between the turns; deletions
 * name the items they delete, so the order in which they and later updates
 * land changes nothing. Parts not applied yet are in memory only: a crash
 * loses none for good, since the relay's answer to the next sync (step 2)
 * carries every deletion of the doc again.
 */
import type { TxOrigin } from './TxOrigin';

interface Part {
  docName: string;
  update: Uint8Array;
  origin: TxOrigin;
}

export class DeletionParts {
  private parts: Part[] = [];
  private next: NodeJS.Immediate | null = null;

  /**
   * `apply` stores one part (its errors are reported, not thrown); while `paused()` is true (writes held,
   * workspace closed) nothing is applied and `step` must be called again once it is false.
   */
  constructor(
    private readonly apply: (docName: string, update: Uint8Array, origin: TxOrigin) => void,
    private readonly paused: () => boolean,
    private readonly stepMs: number,
  ) {}

  /** Queues `parts` of one update of `docName` and applies what fits in this turn. */
  add(docName: string, parts: readonly Uint8Array[], origin: TxOrigin): void {
    for (const update of parts) this.parts.push({ docName, update, origin });
    this.step();
  }

  /** Parts still to apply. */
  get size(): number {
    return this.parts.length;
  }

  /** Applies parts for up to `stepMs`, then leaves the rest to a later turn. */
  step(): void {
    const started = performance.now();
    while (this.parts.length > 0 && !this.paused() && performance.now() - started < this.stepMs) {
      const { docName, update, origin } = this.parts.shift()!;
      this.apply(docName, update, origin);
    }
    if (this.parts.length === 0 || this.paused() || this.next) return;
    this.next = setImmediate(() => {
      this.next = null;
      this.step();
    });
  }

  /** Drops every part (the workspace closes). */
  clear(): void {
    if (this.next) clearImmediate(this.next);
    this.next = null;
    this.parts = [];
  }
}
