/**
 * "Test connection": runs `provider.test` on the saved provider and shows
 * what happened (latency and models, or the reason it failed).
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ProviderPreset, ProviderPresetId, ProviderTestResult } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';
import { CheckIcon, WarningIcon } from '../../lib/ui/icons';
import { connectionProblem } from './connectionProblem';

interface ProviderTestButtonProps {
  workspaceId: string;
  /** The form has unsaved changes: the test would not try them. */
  dirty: boolean;
  configured: boolean;
  /** Told after each test, passed or failed. */
  onTested(): void;
  /** What is tested (to word a failure), when known. */
  target: { baseUrl: string; chatModel: string; preset: ProviderPresetId } | null;
  presets: readonly ProviderPreset[];
}

export function ProviderTestButton({ workspaceId, dirty, configured, onTested, target, presets }: ProviderTestButtonProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ProviderTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setResult(null);
    setError(null);
  }, [workspaceId]);

  async function run(): Promise<void> {
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.invoke('provider.test', { workspaceId }));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setRunning(false);
      onTested();
    }
  }

  // The person's words first; the server's technical sentence behind "Details".
  const failure = error ?? (result && !result.ok ? (result.problem && target ? connectionProblem(result, { ...target, preset: presets.find((p) => p.id === target.preset) }, t) : result.message) : null);
  const details = error === null && result && !result.ok && result.problem && target ? result.message : null;
  return (
    <div className="provider-test" data-testid="provider-test">
      <div className="provider-test__row">
        <button type="button" className="button" onClick={() => void run()} disabled={running || dirty || !configured} data-testid="provider-test-run">
          {running ? t('providers.testing') : t('providers.test')}
        </button>
        {dirty && configured ? <span className="field__hint">{t('providers.testSaveFirst')}</span> : null}
      </div>
      {result?.ok ? (
        <p className="provider-test__result" role="status" data-testid="provider-test-ok">
          <span className="status-pill status-pill--ok">
            <CheckIcon width={14} height={14} />
            {t('providers.testOk', { ms: result.latencyMs ?? 0 })}
          </span>{' '}
          {result.models !== null ? <span className="field__hint">{plural('providers.testModels', result.models.length)}</span> : null}
        </p>
      ) : null}
      {failure ? (
        <div className="provider-test__result" role="alert" data-testid="provider-test-failed">
          <span className="status-pill status-pill--warn">
            <WarningIcon width={14} height={14} />
            {t('providers.testFailed')}
          </span>
          <p className="provider-test__message">{failure}</p>
          {details ? (
            <details className="connection-form__details" data-testid="provider-test-details">
              <summary>{t('connections.details')}</summary>
              <p>{details}</p>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
