/**
 * Keys gathered while doc transactions run (a listener runs inside its
 * transaction), handed to `flush` once per burst, in a microtask: after the
 * transactions that caused them have committed. Events built from them are
 * thus sent once per burst, and never about a write that could still roll
 * back.
 */
export class AfterCommitBatch<K> {
  private readonly keys = new Set<K>();
  private scheduled = false;
  private closed = false;

  constructor(private readonly flush: (keys: K[]) => void) {}

  add(key: K): void {
    this.keys.add(key);
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    queueMicrotask(() => this.run());
  }

  /** Nothing is flushed any more. */
  close(): void {
    this.closed = true;
  }

  private run(): void {
    this.scheduled = false;
    if (this.closed) return;
    const keys = [...this.keys];
    this.keys.clear();
    this.flush(keys);
  }
}
