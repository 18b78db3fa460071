/**
 * Invite someone into a linked workspace: their email and role. The relay
 * returns a single-use token, shown here to copy and send (the relay also
 * emails it when it has SMTP).
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Invitation, InviteRole } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';

interface InviteFormProps {
  workspaceId: string;
  /** An invitation was created (the list of invitations reloads). */
  onCreated?(): void;
}

const ROLES: readonly InviteRole[] = ['member', 'admin', 'guest'];

export function InviteForm({ workspaceId, onCreated }: InviteFormProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setInvitation(await api.invoke('invite.create', { workspaceId, email, role }));
      onCreated?.();
      setCopied(false);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch (err) {
      // The token stays selectable in the field: copying by hand still works.
      console.error('Copying the invitation failed', err);
    }
  }

  return (
    <form className="form form--compact" onSubmit={(e) => void submit(e)} noValidate data-testid="invite-form">
      <div className="form__grid">
        <TextField
          label={t('sync.invite.email')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          type="email"
          autoComplete="off"
          testId="invite-email"
        />
      </div>
      <SegmentedControl<InviteRole>
        label={t('sync.invite.role')}
        value={role}
        options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
        onChange={setRole}
        testIdPrefix="invite-role"
      />
      {error ? <FormError message={error} testId="invite-error" /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || email.trim() === ''} data-testid="invite-submit">
          {busy ? t('sync.invite.creating') : t('sync.invite.submit')}
        </button>
      </div>
      {invitation ? (
        <div className="invitation" data-testid="invitation">
          <p className="field__hint">
            {t('sync.invite.created', {
              email: invitation.email,
              expires: new Date(invitation.expiresAt).toLocaleString(locale),
              relay: invitation.relayUrl,
            })}
          </p>
          <div className="invitation__row">
            <TextField
              label={t('sync.invite.token')}
              value={invitation.token}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              className="input--mono"
              testId="invitation-token"
            />
            <button type="button" className="button" onClick={() => void copy(invitation.token)} data-testid="invitation-copy">
              {copied ? t('sync.invite.copied') : t('sync.invite.copy')}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
