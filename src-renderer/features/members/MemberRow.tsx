/**
 * One member in Settings → Members: name, email, role (a choice for owners
 * and admins), a guest's end date, Remove with a confirmation step, and for
 * owners a menu with "Erase this member's data…" (EraseMemberDialog).
 */
import { useState, type MouseEvent, type ReactNode } from 'react';
import type { CustomRole, MemberList, WorkspaceMember } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { MoreIcon } from '../../lib/ui/icons';
import { Menu, type MenuAnchor } from '../../lib/ui/Menu';
import { EraseMemberDialog } from './EraseMemberDialog';
import { MemberCustomRole } from './MemberCustomRole';

const ROLES = ['owner', 'admin', 'member', 'guest'] as const;

interface MemberRowProps {
  workspaceId: string;
  member: WorkspaceMember;
  canManage: boolean;
  /** The caller is an owner: they may erase this member's data. */
  canErase: boolean;
  /** The workspace's custom roles, one of which this member may hold. */
  customRoles: readonly CustomRole[];
  onChanged(list: MemberList): void;
  /** Loads the members again (after a custom role is given or taken back). */
  onReload(): void;
}

/** `YYYY-MM-DD` of a time, in local time (what a date input shows). */
function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function MemberRow({ workspaceId, member, canManage, canErase, customRoles, onChanged, onReload }: MemberRowProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const [erasing, setErasing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = member.displayName;
  const editable = canManage && !member.you;

  async function run(call: () => Promise<MemberList>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onChanged(await call());
    } catch (err) {
      setError(t('members.failed', { reason: errorMessage(err, t) }));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const setExpiry = (value: string): Promise<void> => {
    const expiresAt = value === '' ? null : new Date(`${value}T23:59:59`).getTime();
    return run(() => api.invoke('members.setExpiry', { workspaceId, userId: member.userId, expiresAt }));
  };

  return (
    <li className="ws-member" data-testid={`member-${member.email || member.userId}`}>
      <div className="ws-member__who">
        <span className="ws-member__name">
          {name} {member.you ? <span className="ws-member__you">{t('members.you')}</span> : null}
        </span>
        {member.email && member.email !== name ? <span className="ws-member__email">{member.email}</span> : null}
      </div>
      <div className="ws-member__controls">
        {editable ? (
          <select
            className="input ws-member__role"
            aria-label={t('members.roleOf', { name })}
            value={member.role}
            disabled={busy}
            onChange={(e) => void run(() => api.invoke('members.setRole', { workspaceId, userId: member.userId, role: e.target.value as WorkspaceMember['role'] }))}
            data-testid="member-role"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className="ws-member__role-text">{t(`role.${member.role}`)}</span>
        )}
        <MemberCustomRole workspaceId={workspaceId} member={member} roles={customRoles} editable={editable} onChanged={onReload} onError={setError} />
        {member.role === 'guest' && editable ? (
          <input
            type="date"
            className="input ws-member__expiry"
            aria-label={t('members.expiryOf', { name })}
            value={member.expiresAt === null ? '' : dayOf(member.expiresAt)}
            min={dayOf(Date.now() + 86_400_000)}
            disabled={busy}
            onChange={(e) => void setExpiry(e.target.value)}
            data-testid="member-expiry"
          />
        ) : member.role === 'guest' && member.expiresAt !== null ? (
          <span className="ws-member__role-text">{t('members.expiry.until', { date: new Date(member.expiresAt).toLocaleDateString(locale) })}</span>
        ) : null}
        {editable && !confirming ? (
          <button type="button" className="button button--small" aria-label={t('members.removeOf', { name })} onClick={() => setConfirming(true)} disabled={busy} data-testid="member-remove">
            {t('members.remove')}
          </button>
        ) : null}
        {canErase && !member.you ? (
          <button
            type="button"
            className="icon-button"
            aria-label={t('members.actionsOf', { name })}
            aria-haspopup="menu"
            aria-expanded={menu !== null}
            onClick={(e: MouseEvent<HTMLButtonElement>) => {
              const rect = e.currentTarget.getBoundingClientRect();
              setMenu({ x: rect.right - 260, y: rect.bottom + 6 });
            }}
            data-testid="member-menu"
          >
            <MoreIcon />
          </button>
        ) : null}
      </div>
      {menu ? (
        <Menu
          label={t('members.actionsOf', { name })}
          anchor={menu}
          onClose={() => setMenu(null)}
          testId="member-menu-list"
          items={[{ id: 'erase', label: t('members.erase.menu'), tone: 'danger', onSelect: () => setErasing(true), testId: 'member-menu-erase' }]}
        />
      ) : null}
      {erasing ? <EraseMemberDialog workspaceId={workspaceId} member={member} onClose={() => setErasing(false)} /> : null}
      {confirming ? (
        <div className="ws-member__confirm" role="group" aria-label={t('members.removeOf', { name })}>
          <span>{t('members.remove.confirm', { name })}</span>
          <button type="button" className="button button--small button--danger" onClick={() => void run(() => api.invoke('members.remove', { workspaceId, userId: member.userId }))} disabled={busy} data-testid="member-remove-confirm">
            {t('members.remove.yes')}
          </button>
          <button type="button" className="button button--small" onClick={() => setConfirming(false)} disabled={busy}>
            {t('members.remove.no')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
