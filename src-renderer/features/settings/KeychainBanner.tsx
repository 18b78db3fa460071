/**
 * The warning shown across the top of the app while no OS keychain is
 * available: Qwanyx then refuses to store secrets rather than keep them in
 * plain files, and the user must know why.
 */
import type { ReactNode } from 'react';
import type { KeychainStatus } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { WarningIcon } from '../../lib/ui/icons';

interface KeychainBannerProps {
  keychain: KeychainStatus;
}

export function KeychainBanner({ keychain }: KeychainBannerProps): ReactNode {
  const t = useT();
  if (keychain.available) return null;
  return (
    <div className="banner banner--warning" role="alert" data-testid="keychain-banner">
      <WarningIcon className="banner__icon" />
      <p className="banner__text">
        <span>{t('keychain.banner')}</span>
        {keychain.reason ? <span className="banner__detail">{t('keychain.reason', { reason: keychain.reason })}</span> : null}
      </p>
    </div>
  );
}
