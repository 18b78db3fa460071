/**
 * The model provider of one workspace, as the settings show it, kept
 * current by the core's `provider.changed` event (a change from another
 * window or the CLI shows here).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProviderState } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';

export interface ProviderStateHandle {
  state: ProviderState | null;
  error: string | null;
  /** Takes a state the core just returned (after a save). */
  replace(state: ProviderState): void;
}

export function useProviderState(workspaceId: string | null): ProviderStateHandle {
  const t = useT();
  const { generation } = useConnection();
  const [state, setState] = useState<ProviderState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Not a reason to load again: a change of language must not drop what the forms below hold.
  const words = useRef(t);
  words.current = t;

  useEffect(() => {
    setState(null);
    setError(null);
    if (workspaceId === null || generation === 0) return undefined;
    let cancelled = false;
    const load = (): void => {
      api.invoke('provider.get', { workspaceId }).then(
        (next) => {
          if (!cancelled) setState(next);
        },
        (err: unknown) => {
          if (!cancelled) setError(errorMessage(err, words.current));
        },
      );
    };
    const unsubscribe = api.on('provider.changed', (payload) => {
      if (payload.workspaceId === workspaceId) load();
    });
    load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, generation]);

  const replace = useCallback((next: ProviderState) => setState(next), []);
  return { state, error, replace };
}
