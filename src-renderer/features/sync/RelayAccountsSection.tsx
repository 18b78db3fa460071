/**
 * The Sync section of the settings: relays this device is signed in to
 * (with sign out, which revokes this device on the relay, and the account's
 * devices with Revoke), signing in to another, and joining a workspace with
 * an invitation.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { RelayAccount } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';
import { RelayDevicesList } from './RelayDevicesList';
import { RelaySignInForm } from './RelaySignInForm';

interface RelayAccountsSectionProps {
  accounts: RelayAccount[] | null;
  profileEmail: string;
  onJoin(): void;
}

export function RelayAccountsSection({ accounts, profileEmail, onJoin }: RelayAccountsSectionProps): ReactNode {
  const t = useT();
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function signOut(url: string): Promise<void> {
    setError(null);
    setNotice(null);
    try {
      const done = await api.invoke('relay.signOut', { url });
      if (!done.revokedOnRelay) setNotice(t('settings.sync.signedOutOffline'));
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  return (
    <div className="relay-accounts" data-testid="relay-accounts">
      {accounts && accounts.length > 0 ? (
        <ul className="relay-accounts__list">
          {accounts.map((account) => (
            <li key={account.url} className="relay-accounts__account" data-testid="relay-account">
              <div className="relay-accounts__item">
                <span className="relay-accounts__name">{t('settings.sync.account', { email: account.email, relay: account.url })}</span>
                <button type="button" className="button button--small" onClick={() => void signOut(account.url)} data-testid="relay-sign-out">
                  {t('settings.sync.signOut')}
                </button>
              </div>
              <RelayDevicesList relayUrl={account.url} version={account.signedInAt} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="field__hint">{t('settings.sync.none')}</p>
      )}
      {error ? <FormError message={error} testId="relay-accounts-error" /> : null}
      {notice ? (
        <p className="field__hint" role="status" data-testid="relay-accounts-notice">
          {notice}
        </p>
      ) : null}
      {signingIn ? (
        <RelaySignInForm initialEmail={profileEmail} onSignedIn={() => setSigningIn(false)} onCancel={() => setSigningIn(false)} />
      ) : (
        <div className="relay-accounts__actions">
          <button type="button" className="button" onClick={() => setSigningIn(true)} data-testid="settings-relay-sign-in">
            {t('settings.sync.signIn')}
          </button>
          <button type="button" className="button" onClick={onJoin} data-testid="settings-join">
            {t('settings.sync.join')}
          </button>
        </div>
      )}
    </div>
  );
}
