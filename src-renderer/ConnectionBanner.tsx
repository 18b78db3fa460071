/**
 * Browser mode only: says so while the WebSocket to the host is down and
 * being re-established (the app refetches its state once it is back).
 */
import type { ReactNode } from 'react';
import type { ConnectionState } from './lib/connection';
import { useT } from './lib/i18n/I18nProvider';

interface ConnectionBannerProps {
  state: ConnectionState;
}

export function ConnectionBanner({ state }: ConnectionBannerProps): ReactNode {
  const t = useT();
  if (state !== 'reconnecting') return null;
  return (
    <div className="banner banner--offline" role="status" data-testid="connection-banner">
      <span className="spinner spinner--small" aria-hidden="true" />
      <p className="banner__text">{t('connection.lost')}</p>
    </div>
  );
}
