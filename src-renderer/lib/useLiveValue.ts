/**
 * A value of one workspace loaded from the core and loaded again on each
 * event that says it changed (and after a reconnection of the bridge), one
 * load at a time (`coalescedReload`). Null until the first load, and again
 * while a new `key` (another workspace, scope…) loads, unless `initial`
 * gives the last value seen for it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName } from '../../src-main/common/contract';
import { api } from './api';
import { coalescedReload } from './coalescedReload';
import { useConnection } from './connection';

export interface LiveValueOptions<T> {
  /** What the value belongs to: a new key loads afresh. */
  key: string;
  workspaceId: string;
  /** The core event that says the value changed (its payload names the workspace). */
  event: EventName;
  fetch(): Promise<T>;
  /** For the log line of a failed load: "the tasks". */
  what: string;
  /** What to show while `key` loads (the last value seen for it), instead of nothing. */
  initial?: () => T | null;
}

export interface LiveValue<T> {
  value: T | null;
  error: unknown;
  /** Changes the value at once (what the core just returned, before its event arrives). */
  update(change: (value: T | null) => T | null): void;
  reload(): void;
}

export function useLiveValue<T>(options: LiveValueOptions<T>): LiveValue<T> {
  const { generation } = useConnection();
  const [value, setValue] = useState<T | null>(() => options.initial?.() ?? null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef<() => void>(() => undefined);
  const latest = useRef(options);
  latest.current = options;
  const { key, workspaceId, event } = options;

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    setValue(latest.current.initial?.() ?? null);
    const load = coalescedReload({
      fetch: () => latest.current.fetch(),
      apply: (next) => {
        setValue(next);
        setError(null);
      },
      fail: (err) => {
        setError(err);
        console.error(`Loading ${latest.current.what} failed`, err);
      },
      cancelled: () => cancelled,
    });
    loadRef.current = load;
    const unsubscribe = api.on(event, (payload) => {
      if ((payload as { workspaceId?: unknown }).workspaceId === workspaceId) load();
    });
    load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [key, workspaceId, event, generation]);

  const update = useCallback((change: (value: T | null) => T | null) => setValue(change), []);
  const reload = useCallback(() => loadRef.current(), []);
  return { value, error, update, reload };
}
