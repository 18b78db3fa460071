/**
 * The sync options of one workspace. A local-only workspace can be linked to
 * a relay the user is signed in to (signing in right here if needed); a
 * linked one shows its status, lets the user retry, and lets owners and
 * admins invite people. One an owner erased from the relay says so, with
 * the date, and offers to keep it locally or delete it (ErasedFromRelayNotice).
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { RelayAccount, Workspace, WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog } from '../../lib/ui/Dialog';
import { FormError } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';
import { ErasedFromRelayNotice } from './ErasedFromRelayNotice';
import { InviteForm } from './InviteForm';
import { RelaySignInForm } from './RelaySignInForm';
import { pendingText, syncStatusLabel } from './syncStatusText';

interface SyncDialogProps {
  workspace: Workspace;
  status: WorkspaceSyncStatus;
  accounts: RelayAccount[] | null;
  profileEmail: string;
  onStatus(status: WorkspaceSyncStatus): void;
  /** Opens the dialog that deletes this device's copy (offered once the relay erased the workspace). */
  onDeleteLocal(): void;
  onClose(): void;
}

export function SyncDialog({ workspace, status, accounts, profileEmail, onStatus, onDeleteLocal, onClose }: SyncDialogProps): ReactNode {
  const t = useT();
  return (
    <Dialog title={t('sync.dialog.title', { name: workspace.name })} onClose={onClose} testId="sync-dialog">
      {status.state === 'local-only' ? (
        <LinkSection workspace={workspace} accounts={accounts} profileEmail={profileEmail} onStatus={onStatus} />
      ) : status.reasonCode === 'removed' ? (
        <ErasedFromRelayNotice status={status} onStatus={onStatus} onDeleteLocal={onDeleteLocal} />
      ) : (
        <LinkedSection status={status} onStatus={onStatus} />
      )}
    </Dialog>
  );
}

interface LinkSectionProps {
  workspace: Workspace;
  accounts: RelayAccount[] | null;
  profileEmail: string;
  onStatus(status: WorkspaceSyncStatus): void;
}

function LinkSection({ workspace, accounts, profileEmail, onStatus }: LinkSectionProps): ReactNode {
  const t = useT();
  const [relayUrl, setRelayUrl] = useState<string | null>(accounts?.[0]?.url ?? null);
  const [signingIn, setSigningIn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Accounts load after the dialog opens, or change elsewhere: keep a valid choice.
  useEffect(() => {
    if (accounts && !accounts.some((a) => a.url === relayUrl)) setRelayUrl(accounts[0]?.url ?? null);
  }, [accounts, relayUrl]);

  async function link(url: string): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onStatus(await api.invoke('workspace.link', { id: workspace.id, relayUrl: url }));
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  const showSignIn = signingIn || (accounts !== null && accounts.length === 0);
  return (
    <div className="sync-dialog" data-testid="sync-link-section">
      <p className="sync-dialog__lead">{t('sync.dialog.localOnly')}</p>
      {showSignIn ? (
        <>
          <p className="field__hint">{t('sync.dialog.signInFirst')}</p>
          <RelaySignInForm
            initialEmail={profileEmail}
            onSignedIn={(account) => {
              setRelayUrl(account.url);
              setSigningIn(false);
            }}
            {...(accounts && accounts.length > 0 ? { onCancel: () => setSigningIn(false) } : {})}
          />
        </>
      ) : accounts && relayUrl ? (
        <div className="form form--compact">
          <SegmentedControl
            label={t('sync.dialog.relay')}
            value={relayUrl}
            options={accounts.map((a) => ({ value: a.url, label: t('settings.sync.account', { email: a.email, relay: a.url }) }))}
            onChange={setRelayUrl}
            testIdPrefix="sync-relay"
          />
          {error ? <FormError message={error} testId="sync-link-error" /> : null}
          <div className="form__actions">
            <button type="button" className="button" onClick={() => setSigningIn(true)} data-testid="sync-other-relay">
              {t('sync.dialog.otherRelay')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void link(relayUrl)}
              data-testid="sync-link-submit"
            >
              {busy ? t('sync.dialog.linking') : t('sync.dialog.link')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

interface LinkedSectionProps {
  status: WorkspaceSyncStatus;
  onStatus(status: WorkspaceSyncStatus): void;
}

function LinkedSection({ status, onStatus }: LinkedSectionProps): ReactNode {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const canInvite = status.role === 'owner' || status.role === 'admin';

  async function retry(): Promise<void> {
    setError(null);
    try {
      onStatus(await api.invoke('sync.reconnect', { id: status.workspaceId }));
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  return (
    <div className="sync-dialog" data-testid="sync-linked-section">
      <p className="sync-dialog__lead" data-testid="sync-linked-to">
        {t('sync.dialog.linkedTo', {
          relay: status.relayUrl ?? '',
          email: status.accountEmail ?? '',
          role: status.role ? t(`role.${status.role}`) : '',
        })}
      </p>
      <div className="sync-dialog__status">
        <span className={`status-pill ${status.state === 'synced' ? 'status-pill--ok' : 'status-pill--warn'}`} data-testid="sync-dialog-state">
          {syncStatusLabel(status, t)}
        </span>
        <span className="muted" data-testid="sync-dialog-pending">
          {pendingText(status.pending, t)}
        </span>
      </div>
      {status.reason && (status.state === 'offline' || status.state === 'error') ? (
        <p className="field__hint">{t('sync.dialog.details', { reason: status.reason })}</p>
      ) : null}
      {error ? <FormError message={error} testId="sync-retry-error" /> : null}
      {status.state === 'offline' || status.state === 'error' ? (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => void retry()} data-testid="sync-retry">
            {t('sync.dialog.retry')}
          </button>
        </div>
      ) : null}
      <h3 className="sync-dialog__heading">{t('sync.invite.title')}</h3>
      {canInvite ? <InviteForm workspaceId={status.workspaceId} /> : <p className="field__hint">{t('sync.invite.notAllowed')}</p>}
    </div>
  );
}
