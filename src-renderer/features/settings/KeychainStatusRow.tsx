/**
 * Whether the OS keychain is usable, in the settings' Security section.
 */
import type { ReactNode } from 'react';
import type { KeychainStatus } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { CheckIcon, WarningIcon } from '../../lib/ui/icons';

interface KeychainStatusRowProps {
  keychain: KeychainStatus;
}

export function KeychainStatusRow({ keychain }: KeychainStatusRowProps): ReactNode {
  const t = useT();
  return (
    <div className="keychain-status" data-testid="keychain-status" data-available={keychain.available}>
      <div className="keychain-status__row">
        <span className="keychain-status__label">{t('settings.keychain.label')}</span>
        {keychain.available ? (
          <span className="status-pill status-pill--ok">
            <CheckIcon width={14} height={14} />
            {t('settings.keychain.available')}
          </span>
        ) : (
          <span className="status-pill status-pill--warn">
            <WarningIcon width={14} height={14} />
            {t('settings.keychain.unavailable')}
          </span>
        )}
      </div>
      <p className="field__hint">
        {keychain.available && keychain.backend ? `${t('settings.keychain.backend', { backend: keychain.backend })} · ` : ''}
        {t('settings.keychain.explanation')}
      </p>
      {!keychain.available ? <p className="field__hint">{t('keychain.title')}</p> : null}
      {!keychain.available && keychain.reason ? (
        <details className="keychain-banner__details">
          <summary>{t('keychain.details')}</summary>
          <p>{keychain.reason}</p>
        </details>
      ) : null}
    </div>
  );
}
