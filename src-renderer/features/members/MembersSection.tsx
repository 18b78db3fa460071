/**
 * Settings → Members of the active workspace: everyone with their role, for
 * owners and admins a role choice, a custom role, a guest's end date and
 * Remove (and for owners, erasing a member's data), then the roles (built-in and custom, "New role…"), then Invite and
 * the invitations with Revoke. A local-only workspace shows its
 * owner and says how to invite people.
 */
import type { ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { InviteForm } from '../sync/InviteForm';
import { InvitationList } from './InvitationList';
import { MemberRow } from './MemberRow';
import { RolesPanel } from './RolesPanel';
import { useInvitations, useMembers } from './useMembers';
import { useRoleCatalog, useRoleResources } from './useRoles';

export function MembersSection({ workspaceId }: { workspaceId: string | null }): ReactNode {
  const t = useT();
  if (workspaceId === null) return <p className="field__hint">{t('members.noWorkspace')}</p>;
  return <Members workspaceId={workspaceId} />;
}

function Members({ workspaceId }: { workspaceId: string }): ReactNode {
  const t = useT();
  const members = useMembers(workspaceId);
  const list = members.value;
  const managing = list !== null && list.canManage && !list.solo;
  const invitations = useInvitations(workspaceId, managing);
  const catalog = useRoleCatalog(workspaceId);
  const resources = useRoleResources(workspaceId);
  if (members.error && !list) return <p className="form-error" role="alert">{t('members.loadFailed', { reason: errorMessage(members.error, t) })}</p>;
  if (!list) return <p className="field__hint">{t('members.loading')}</p>;
  return (
    <div className="ws-members" data-testid="members-section">
      {list.solo ? <p className="field__hint">{t('members.solo')}</p> : null}
      <ul className="ws-member-list">
        {list.members.map((m) => (
          <MemberRow
            key={m.userId}
            workspaceId={workspaceId}
            member={m}
            canManage={list.canManage && !list.solo}
            canErase={!list.solo && list.members.some((you) => you.you && you.role === 'owner')}
            customRoles={catalog.value?.roles ?? []}
            onChanged={(next) => members.update(() => next)}
            onReload={members.reload}
          />
        ))}
      </ul>
      <RolesPanel workspaceId={workspaceId} catalog={catalog} resources={resources.value} />
      {managing ? (
        <>
          <h3 className="ws-members__heading">{t('members.invite')}</h3>
          <InviteForm workspaceId={workspaceId} onCreated={invitations.reload} />
          <h3 className="ws-members__heading">{t('members.invitations')}</h3>
          {invitations.error ? (
            <p className="form-error" role="alert">
              {t('members.invitations.failed', { reason: errorMessage(invitations.error, t) })}
            </p>
          ) : (
            <InvitationList workspaceId={workspaceId} invitations={invitations.value ?? []} onChanged={(next) => invitations.update(() => next)} />
          )}
        </>
      ) : null}
    </div>
  );
}
