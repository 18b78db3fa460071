/**
 * The "Privacy" block of the settings: one switch, whether digital humans
 * may read and remember what the local member writes in the active
 * workspace (docs/consents.md). Turning it off also forgets what they
 * learnt from that member's messages; the block says how many memories went.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ConsentView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';

export function ConsentSection({ workspaceId }: { workspaceId: string | null }): ReactNode {
  const t = useT();
  const plural = usePlural();
  const [view, setView] = useState<ConsentView | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setView(null);
    setNote(null);
    setError(null);
    if (workspaceId === null) return undefined;
    let cancelled = false;
    api.invoke('consent.get', { workspaceId }).then(
      (v) => {
        if (!cancelled) setView(v);
      },
      (err: unknown) => {
        if (!cancelled) setError(errorMessage(err, t));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, t]);
  if (workspaceId === null) return <p className="field__hint">{t('consents.noWorkspace')}</p>;

  const change = async (dhRead: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const next = await api.invoke('consent.set', { workspaceId, dhRead });
      setView(next);
      setNote(dhRead ? t('consents.savedOn') : plural('consents.savedOff', next.forgotten));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="audit-section" data-testid="consent-section">
      <label className="switch-row">
        <input
          type="checkbox"
          className="switch"
          checked={view?.dhRead ?? true}
          disabled={view === null || busy}
          onChange={(e) => void change(e.target.checked)}
          data-testid="consent-dh-read"
        />
        <span>
          <span className="switch-row__title">{t('consents.dhRead')}</span>
          <span className="switch-row__hint">{t('consents.dhReadHint')}</span>
        </span>
      </label>
      {note ? (
        <p className="field__hint" role="status" data-testid="consent-note">
          {note}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
