/**
 * The warning shown across the top of the app while no OS keychain is
 * available: Qwanyx then refuses to store secrets rather than keep them in
 * plain files. It says so in plain words, how to fix it on this OS, and
 * offers Retry (the core probes the keychain again); the system's own
 * message stays behind "Details".
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { KeychainStatus } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../lib/i18n/i18n';
import { WarningIcon } from '../../lib/ui/icons';

interface KeychainBannerProps {
  keychain: KeychainStatus;
}

/** The fix for the OS this page runs on (the browser host only listens on this machine). */
function fixFor(userAgent: string): MessageKey {
  if (/Windows/i.test(userAgent)) return 'keychain.fix.windows';
  if (/Mac OS X|Macintosh/i.test(userAgent)) return 'keychain.fix.mac';
  return 'keychain.fix.linux';
}

export function KeychainBanner({ keychain }: KeychainBannerProps): ReactNode {
  const t = useT();
  const [current, setCurrent] = useState(keychain);
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (keychain.available || current.available) return null;

  function retry(): void {
    setChecking(true);
    setNote(null);
    api.invoke('app.info', {}).then(
      (info) => {
        setCurrent(info.keychain);
        if (!info.keychain.available) setNote(t('keychain.stillMissing'));
        setChecking(false);
      },
      (err: unknown) => {
        setNote(errorMessage(err, t));
        setChecking(false);
      },
    );
  }

  const reason = current.reason ?? keychain.reason;
  return (
    <div className="banner banner--warning keychain-banner" role="alert" data-testid="keychain-banner">
      <WarningIcon className="banner__icon" />
      <div className="banner__text">
        <p>
          <strong>{t('keychain.title')}</strong> {t('keychain.body')}
        </p>
        <p data-testid="keychain-fix">{t(fixFor(navigator.userAgent))}</p>
        {note ? (
          <p role="status" data-testid="keychain-note">
            {note}
          </p>
        ) : null}
        {reason ? (
          <details className="keychain-banner__details" data-testid="keychain-details">
            <summary>{t('keychain.details')}</summary>
            <p>{reason}</p>
          </details>
        ) : null}
      </div>
      <button type="button" className="button" onClick={retry} disabled={checking} data-testid="keychain-retry">
        {checking ? t('keychain.retrying') : t('keychain.retry')}
      </button>
    </div>
  );
}
