/**
 * Connection state of the bridge, as a tiny external store. In Electron the
 * bridge is always open. In browser mode the web bridge reports the socket's
 * state here; `generation` grows at each successful (re)connection so the app
 * knows when to fetch its state again.
 */
import { useSyncExternalStore } from 'react';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Number of times the bridge has become open; 0 until the first time. */
  generation: number;
}

let snapshot: ConnectionSnapshot = { state: 'open', generation: 1 };
const listeners = new Set<() => void>();

/** Current connection snapshot (a new object at each change). */
export function getConnection(): ConnectionSnapshot {
  return snapshot;
}

/** Records a new state; becoming open starts a new generation. */
export function setConnectionState(state: ConnectionState): void {
  if (state === snapshot.state && state !== 'connecting') return;
  const generation = state === 'open' ? snapshot.generation + 1 : snapshot.generation;
  snapshot = { state, generation };
  for (const listener of listeners) listener();
}

/** Resets the store before the web bridge's first connection. */
export function resetConnection(): void {
  snapshot = { state: 'connecting', generation: 0 };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook: the current connection snapshot, re-rendering on change. */
export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribe, getConnection);
}
