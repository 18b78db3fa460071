/**
 * A member's custom role in Settings → Members: for owners and admins a
 * button that opens a menu of the workspace's custom roles (and "No custom
 * role"), the current one checked; for others the role's name as text.
 */
import { useState, type MouseEvent, type ReactNode } from 'react';
import type { CustomRole, WorkspaceMember } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { Menu, type MenuAnchor } from '../../lib/ui/Menu';

interface MemberCustomRoleProps {
  workspaceId: string;
  member: WorkspaceMember;
  roles: readonly CustomRole[];
  editable: boolean;
  /** After a change: reload the members. */
  onChanged(): void;
  onError(message: string): void;
}

export function MemberCustomRole({ workspaceId, member, roles, editable, onChanged, onError }: MemberCustomRoleProps): ReactNode {
  const t = useT();
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const [busy, setBusy] = useState(false);
  const current = roles.find((r) => r.id === member.customRole) ?? null;
  const name = member.displayName;
  if (!editable || roles.length === 0) {
    return current ? <span className="ws-member__role-text" data-testid="member-custom-role-text">{t('roles.member.text', { role: current.name })}</span> : null;
  }

  async function assign(role: string | null): Promise<void> {
    setBusy(true);
    try {
      await api.invoke('roles.assign', { workspaceId, userId: member.userId, role });
      onChanged();
    } catch (err) {
      onError(t('members.failed', { reason: errorMessage(err, t) }));
    } finally {
      setBusy(false);
    }
  }

  function open(event: MouseEvent<HTMLButtonElement>): void {
    const rect = event.currentTarget.getBoundingClientRect();
    setMenu({ x: rect.left, y: rect.bottom + 4 });
  }

  const items = [
    { id: 'none', label: t('roles.member.none'), checked: current === null, onSelect: () => void assign(null), testId: 'member-custom-role-none' },
    ...roles.map((r) => ({ id: r.id, label: r.name, checked: current?.id === r.id, onSelect: () => void assign(r.id), testId: `member-custom-role-${r.id}` })),
  ];
  return (
    <>
      <button
        type="button"
        className="button button--small ws-member__custom-role"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        aria-label={`${t('roles.member.label', { name })}: ${current ? current.name : t('roles.member.none')}`}
        disabled={busy}
        onClick={open}
        data-testid="member-custom-role"
      >
        {current ? current.name : t('roles.member.none')} <span aria-hidden="true">▾</span>
      </button>
      {menu ? <Menu label={t('roles.member.label', { name })} anchor={menu} items={items} onClose={() => setMenu(null)} testId="member-custom-role-menu" /> : null}
    </>
  );
}
