/**
 * A reload that never runs twice at once: a call made while one runs makes
 * it run once more when it ends, so a burst of change events costs at most
 * two requests, and the last answer is always about the newest state.
 */
export interface CoalescedReloadOptions<T> {
  fetch(): Promise<T>;
  apply(value: T): void;
  fail(err: unknown): void;
  /** True once the view that asked is gone: nothing is applied any more. */
  cancelled(): boolean;
}

export function coalescedReload<T>(options: CoalescedReloadOptions<T>): () => void {
  let running = false;
  let again = false;
  async function load(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const value = await options.fetch();
        if (options.cancelled()) return;
        options.apply(value);
      } while (again && !options.cancelled());
    } catch (err) {
      if (!options.cancelled()) options.fail(err);
    } finally {
      running = false;
    }
  }
  return () => void load();
}
