/**
 * A request to open something from elsewhere in the app (a clicked reminder,
 * the command palette): a tiny external store holding the latest request;
 * the view that can serve it takes it when it is (or becomes) on screen and
 * marks it done.
 */
import { useSyncExternalStore } from 'react';

export interface RequestStore<T> {
  /** Makes `request` the latest one (it gets a fresh `seq`). */
  request(request: T): void;
  /** Marks `request` as done (a newer one stays). */
  consume(request: T & { seq: number }): void;
  /** The latest request, whatever it is for. */
  useRequest(): (T & { seq: number }) | null;
}

export function createRequestStore<T extends object>(): RequestStore<T> {
  let current: (T & { seq: number }) | null = null;
  let seq = 0;
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    request(request) {
      current = { ...request, seq: ++seq };
      changed();
    },
    consume(request) {
      if (current !== request) return;
      current = null;
      changed();
    },
    useRequest: () => useSyncExternalStore(subscribe, () => current),
  };
}
