/**
 * Join a workspace with an invitation: the relay address and the token.
 * When this device is not signed in to that relay yet, the sign-in form
 * appears in place, then the invitation is accepted. The core creates the
 * workspace and syncs it down before this dialog closes.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { api, ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { FormError, TextField } from '../../lib/ui/TextField';
import { RelaySignInForm } from './RelaySignInForm';

interface JoinWorkspaceDialogProps {
  profileEmail: string;
  onJoined(workspace: Workspace): void;
  onClose(): void;
}

export function JoinWorkspaceDialog({ profileEmail, onJoined, onClose }: JoinWorkspaceDialogProps): ReactNode {
  const t = useT();
  const [relayUrl, setRelayUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);

  async function join(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const workspace = await api.invoke('invite.accept', { relayUrl, token });
      onJoined(workspace);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_SIGNED_IN') setNeedsSignIn(true);
      else setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void join();
  }

  return (
    <Dialog title={t('join.title')} description={t('join.description')} onClose={onClose} testId="join-dialog">
      {needsSignIn ? (
        <div className="sync-dialog" data-testid="join-sign-in">
          <p className="field__hint">{t('join.signInFirst', { relay: relayUrl })}</p>
          <RelaySignInForm
            initialUrl={relayUrl}
            initialEmail={profileEmail}
            lockUrl
            onSignedIn={() => {
              setNeedsSignIn(false);
              void join();
            }}
          />
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            label={t('join.relay')}
            value={relayUrl}
            onChange={(e) => setRelayUrl(e.target.value)}
            placeholder={t('relay.signIn.urlPlaceholder')}
            type="url"
            spellCheck={false}
            testId="join-relay"
          />
          <TextField
            label={t('join.token')}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            className="input--mono"
            spellCheck={false}
            autoComplete="off"
            testId="join-token"
          />
          {error ? <FormError message={error} testId="join-error" /> : null}
          <DialogFooter>
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || relayUrl.trim() === '' || token.trim() === ''}
              data-testid="join-submit"
            >
              {busy ? t('join.joining') : t('join.submit')}
            </button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
