/** The invitations of a workspace in Settings → Members, each pending one with Revoke. */
import { useState, type ReactNode } from 'react';
import type { PendingInvitation } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';

interface InvitationListProps {
  workspaceId: string;
  invitations: PendingInvitation[];
  onChanged(list: PendingInvitation[]): void;
}

export function InvitationList({ workspaceId, invitations, onChanged }: InvitationListProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  if (invitations.length === 0) return <p className="field__hint">{t('members.invitations.none')}</p>;

  async function revoke(invitationId: string): Promise<void> {
    setError(null);
    try {
      onChanged(await api.invoke('invite.revoke', { workspaceId, invitationId }));
    } catch (err) {
      setError(t('members.failed', { reason: errorMessage(err, t) }));
    }
  }

  return (
    <>
      <ul className="invitation-list" data-testid="invitation-list">
        {invitations.map((i) => (
          <li key={i.id} className="invitation-list__item" data-testid={`invitation-${i.email}`}>
            <span className={`invitation-list__state invitation-list__state--${i.state}`}>{t(`members.invitation.state.${i.state}`)}</span>
            <span className="invitation-list__what">
              {t('members.invitation.line', { email: i.email, role: t(`role.${i.role}`), expires: new Date(i.expiresAt).toLocaleDateString(locale) })}
            </span>
            {i.state === 'pending' ? (
              <button type="button" className="button button--small" aria-label={t('members.invitation.revokeOf', { email: i.email })} onClick={() => void revoke(i.id)} data-testid="invitation-revoke">
                {t('members.invitation.revoke')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
