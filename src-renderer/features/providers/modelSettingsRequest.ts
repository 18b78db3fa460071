/**
 * Requests to open the model settings from anywhere (a digital human's
 * reply that could not reach its model): a tiny external store the app
 * shell follows, as `roomNavigation` does for rooms.
 */
import { useEffect } from 'react';

const listeners = new Set<() => void>();

/** Asks the app to open the settings at the model connections. */
export function requestModelSettings(): void {
  for (const listener of listeners) listener();
}

/** Calls `open` on each request while mounted. */
export function useModelSettingsRequests(open: () => void): void {
  useEffect(() => {
    listeners.add(open);
    return () => {
      listeners.delete(open);
    };
  }, [open]);
}
