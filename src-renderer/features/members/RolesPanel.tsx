/**
 * Roles in Settings → Members: the built-in roles and the workspace's custom
 * roles with what they grant (limited grants name their rooms or digital
 * humans), and, for owners and admins, "New role…". Others read it only.
 */
import { useState, type ReactNode } from 'react';
import type { RoleCatalog } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import type { LiveValue } from '../../lib/useLiveValue';
import { NewRoleDialog } from './NewRoleDialog';
import { grantText } from './roleGrantText';
import type { RoleResources } from './useRoles';

interface RolesPanelProps {
  workspaceId: string;
  catalog: LiveValue<RoleCatalog>;
  resources: RoleResources | null;
}

export function RolesPanel({ workspaceId, catalog, resources }: RolesPanelProps): ReactNode {
  const t = useT();
  const [creating, setCreating] = useState(false);
  const value = catalog.value;
  if (catalog.error && !value) return <p className="form-error" role="alert">{t('roles.loadFailed', { reason: errorMessage(catalog.error, t) })}</p>;
  if (!value) return <p className="field__hint">{t('roles.loading')}</p>;

  const builtinSummary = (role: RoleCatalog['builtin'][number]): string => {
    if (role.role === 'owner') return t('roles.everything');
    if (role.role === 'admin') return t('roles.everythingButOwners');
    if (role.grants.length === 0) return t('roles.readsOnly');
    return role.grants.map((g) => grantText(t, g, resources)).join(' · ');
  };

  return (
    <section className="roles-panel" aria-labelledby="roles-heading" data-testid="roles-panel">
      <div className="roles-panel__head">
        <h3 id="roles-heading" className="ws-members__heading">
          {t('roles.heading')}
        </h3>
        {value.canManage ? (
          <button type="button" className="button button--small" onClick={() => setCreating(true)} data-testid="role-new">
            {t('roles.new')}
          </button>
        ) : null}
      </div>
      <p className="field__hint">{value.canManage ? t('roles.intro') : t('roles.readOnly')}</p>
      <ul className="role-list">
        {value.builtin.map((role) => (
          <li key={role.role} className="role-list__item" data-testid={`role-${role.role}`}>
            <span className="role-list__name">{t(`role.${role.role}`)}</span>
            <span className="role-list__kind">{t('roles.builtin')}</span>
            <span className="role-list__grants">{builtinSummary(role)}</span>
          </li>
        ))}
        {value.roles.map((role) => (
          <li key={role.id} className="role-list__item" data-testid={`role-${role.id}`}>
            <span className="role-list__name">{role.name}</span>
            <span className="role-list__kind">{t('roles.custom', { base: t(`role.${role.base}`) })}</span>
            <span className="role-list__grants">{role.grants.map((g) => grantText(t, g, resources)).join(' · ')}</span>
          </li>
        ))}
      </ul>
      {value.roles.length === 0 ? <p className="field__hint">{t('roles.none')}</p> : null}
      {creating ? (
        <NewRoleDialog
          workspaceId={workspaceId}
          catalog={value}
          resources={resources}
          onClose={() => setCreating(false)}
          onCreated={(role) => {
            catalog.update((prev) => (prev ? { ...prev, roles: [...prev.roles.filter((r) => r.id !== role.id), role].sort((a, b) => a.name.localeCompare(b.name)) } : prev));
            setCreating(false);
          }}
        />
      ) : null}
    </section>
  );
}
