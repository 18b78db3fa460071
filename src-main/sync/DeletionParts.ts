/**
 * The parts of large remote deletions a DocManager has received but not
 * applied yet (sync/splitDeleteSet.ts says why they come in parts), applied
 * oldest first, as many per turn of the event loop as start within
 * `stepMs`. Local writes of the doc go on between the turns; deletions
 * name the items they delete, so the order in which they and later updates
 * land changes nothing. Parts not applied yet are in memory only: a crash
 * loses none for good, since the relay's answer to the next sync (step 2)
 * carries every deletion of the doc again.
 *
 * The parts of one turn run inside one call of `turn` (DocManager: one
 * SQLite write transaction), so a turn costs one commit (one fsync of the
 * WAL, one flush of the full-text index's pending deletes) rather than one
 * per part. Nobody waits on these parts (the relay sends them again after
 * a crash), so committing them together breaks no promise.
 */
import type { TxOrigin } from './TxOrigin';

interface Part {
  docName: string;
  update: Uint8Array;
  origin: TxOrigin;
}

export interface DeletionPartsOptions {
  /** Applies one part (it may throw: the turn ends there). */
  apply(docName: string, update: Uint8Array, origin: TxOrigin): void;
  /** Runs the parts of one turn (DocManager: in one write transaction, rolled back if `run` throws). */
  turn(run: () => void): void;
  /** A turn failed (nothing of it is stored): `docNames` hold changes the disk does not. */
  failed(docNames: ReadonlySet<string>, err: unknown): void;
  /** While true (writes held, workspace closed) nothing is applied; `step` must be called once it is false. */
  paused(): boolean;
  /** Parts start within this many milliseconds of a turn's first. */
  stepMs: number;
}

export class DeletionParts {
  private parts: Part[] = [];
  /** Index of the next part to apply (parts before it are done; the array is compacted now and then). */
  private head = 0;
  private next: NodeJS.Immediate | null = null;

  constructor(private readonly options: DeletionPartsOptions) {}

  /** Queues `parts` of one update of `docName` and applies what fits in this turn. */
  add(docName: string, parts: readonly Uint8Array[], origin: TxOrigin): void {
    for (const update of parts) this.parts.push({ docName, update, origin });
    this.step();
  }

  /** Parts still to apply. */
  get size(): number {
    return this.parts.length - this.head;
  }

  /** Applies parts for up to `stepMs`, then leaves the rest to a later turn. */
  step(): void {
    const { apply, turn, failed, paused, stepMs } = this.options;
    if (this.size > 0 && !paused()) {
      const started = performance.now();
      const docNames = new Set<string>();
      try {
        turn(() => {
          while (this.size > 0 && !paused() && performance.now() - started < stepMs) {
            const { docName, update, origin } = this.parts[this.head]!;
            this.parts[this.head++] = undefined as unknown as Part;
            docNames.add(docName);
            apply(docName, update, origin);
          }
        });
      } catch (err) {
        failed(docNames, err);
      }
    }
    this.schedule();
  }

  /** Forgets the parts done, and asks for a later turn while parts are left. */
  private schedule(): void {
    if (this.size === 0) {
      this.parts = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.parts.length) {
      // Dropping the parts done costs a copy of the rest: only once they are many.
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
    if (this.size === 0 || this.options.paused() || this.next) return;
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
    this.head = 0;
  }
}
