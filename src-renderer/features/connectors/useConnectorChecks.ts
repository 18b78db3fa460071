/**
 * What every OAuth connection card does the same way: Test (the outcome in
 * words, or the error), Sign in again (through the card's OAuth wait, so
 * Cancel stops it), each clearing the other's last result first, and
 * Disconnect (with a note when the provider was not told).
 */
import { useState } from 'react';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import type { ConnectorKind } from './useConnectors';
import type { OAuthWait } from './useOAuthWait';

export interface TestOutcome {
  ok: boolean;
  message: string;
}

export interface ConnectorChecks {
  testing: boolean;
  outcome: TestOutcome | null;
  setOutcome(outcome: TestOutcome | null): void;
  error: string | null;
  setError(error: string | null): void;
  /** Set after a disconnect the provider was not told of (no revocation, or it failed). */
  note: string | null;
  test(): void;
  signInAgain(): void;
  disconnect(): Promise<void>;
}

export function useConnectorChecks(workspaceId: string, connector: ConnectorKind, wait: OAuthWait): ConnectorChecks {
  const t = useT();
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const ref = { workspaceId, connector };

  function test(): void {
    setTesting(true);
    setOutcome(null);
    setError(null);
    api
      .invoke('connector.test', ref)
      .then((r) => setOutcome({ ok: r.ok, message: r.message }))
      .catch((err: unknown) => setError(errorMessage(err, t)))
      .finally(() => setTesting(false));
  }

  function signInAgain(): void {
    setError(null);
    setOutcome(null);
    wait.run(() => api.invoke('connector.rotate', ref)).catch((err: unknown) => setError(errorMessage(err, t)));
  }

  async function disconnect(): Promise<void> {
    const out = await api.invoke('connector.remove', ref);
    setOutcome(null);
    setNote(out.problem ? t('connectors.github.removedNotTold', { problem: out.problem }) : null);
  }

  return { testing, outcome, setOutcome, error, setError, note, test, signInAgain, disconnect };
}
