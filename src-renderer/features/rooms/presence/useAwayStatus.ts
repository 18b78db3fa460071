/**
 * Tells the core whether the user is here: `away` after a while without a
 * key, a click or a pointer move in the window (five minutes by default),
 * `active` again at the first sign of life. Teammates see it as presence.
 *
 * The browser host accepts `?idleMs=N` (1 s to 1 h) to shorten the wait,
 * which the end-to-end tests use.
 */
import { useEffect } from 'react';
import { api } from '../../../lib/api';
import { useConnection } from '../../../lib/connection';

const DEFAULT_IDLE_MS = 5 * 60_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focus'] as const;

/** The idle delay: the page's `idleMs` parameter when valid, else five minutes. */
export function idleDelayMs(search: string): number {
  const raw = new URLSearchParams(search).get('idleMs');
  const value = raw === null ? NaN : Number(raw);
  return Number.isInteger(value) && value >= 1_000 && value <= 3_600_000 ? value : DEFAULT_IDLE_MS;
}

export function useAwayStatus(): void {
  const { generation } = useConnection();

  useEffect(() => {
    if (generation === 0) return undefined;
    const idleMs = idleDelayMs(window.location.search);
    let lastActivity = Date.now();
    let away: boolean | null = null;
    const announce = (next: boolean): void => {
      if (next === away) return;
      away = next;
      api.invoke('presence.setStatus', { status: next ? 'away' : 'active' }).catch((err: unknown) => console.warn('Updating presence failed', err));
    };
    const onActivity = (): void => {
      lastActivity = Date.now();
      if (away !== false) announce(false);
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible') onActivity();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisibility);
    const check = setInterval(() => {
      if (Date.now() - lastActivity >= idleMs) announce(true);
    }, Math.min(15_000, Math.max(250, idleMs / 4)));
    announce(false);
    return () => {
      clearInterval(check);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [generation]);
}
