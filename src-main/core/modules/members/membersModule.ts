/**
 * Members, roles and permissions: the `governance` doc (custom roles, guest
 * expiry; other features add their root maps to it, e.g. quotas), the
 * permission check every feature can ask (`can`), and the members and
 * invitations of a workspace from the app and the CLI.
 */
import { memberChannels, memberEvents, roleChannels } from '../../../common/contract';
import { BUILTIN_GRANTS, BUILTIN_ROLES, isManagerRole, PERMISSIONS } from '../../../common/governance/permissions';
import { GovernanceService } from '../../../domain/governance/GovernanceService';
import { MemberService } from '../../../domain/governance/MemberService';
import { GOVERNANCE_DOC, GOVERNANCE_DOC_MAPS } from '../../../storage/governance/governanceDocFormat';
import { defineModule } from '../../FeatureModule';
import { syncModule } from '../sync/syncModule';
import { memberCommand } from './memberCommand';
import { roleCommand } from './roleCommand';

export const membersModule = defineModule({
  name: 'members',
  channels: { ...memberChannels, ...roleChannels },
  events: memberEvents,
  cli: [memberCommand, roleCommand],
  docs: [{ doc: GOVERNANCE_DOC, rootMaps: GOVERNANCE_DOC_MAPS, synced: true }],
  create: (ctx) => {
    const { relays } = ctx.use(syncModule);
    const relayOf = (workspaceId: string): string | null => ctx.registry.relays.getLink(workspaceId)?.relayUrl ?? null;
    const governance = new GovernanceService({
      workspaces: ctx.workspaces,
      userId: () => ctx.profile.get().userId,
      linkRole: (workspaceId) => ctx.registry.relays.getLink(workspaceId)?.role ?? null,
      myIds: (workspaceId) => {
        const relayUrl = relayOf(workspaceId);
        const account = relayUrl ? relays.accounts().find((a) => a.url === relayUrl) : undefined;
        return [ctx.profile.get().userId, ...(account ? [account.userId] : [])];
      },
      now: ctx.now,
    });
    const members = new MemberService({
      workspaces: ctx.workspaces,
      relays,
      governance,
      relayOf,
      me: () => ctx.profile.get(),
      now: ctx.now,
      changed: (workspaceId) => ctx.bus.emit('members.changed', { workspaceId }),
    });
    // Roles and policies written on another device (or by another person)
    // change what Settings → Members shows: tell the shells, once per burst.
    const pending = new Set<string>();
    const stopWatching = ctx.workspaces.observeHandles({
      opened: (handle) => {
        handle.docs.onChange((change) => {
          if (change.docName !== GOVERNANCE_DOC || pending.has(handle.id)) return;
          pending.add(handle.id);
          queueMicrotask(() => {
            pending.delete(handle.id);
            ctx.bus.emit('members.changed', { workspaceId: handle.id });
          });
        });
      },
      closing: () => undefined,
    });
    return { governance, members, stopWatching };
  },
  close: ({ stopWatching }) => stopWatching(),
  handlers: ({ members, governance }, ctx) => ({
    'roles.catalog': (i) => ({
      permissions: [...PERMISSIONS],
      builtin: BUILTIN_ROLES.map((role) => ({ role, grants: [...BUILTIN_GRANTS[role]] })),
      roles: governance.roles(i.workspaceId),
      canManage: isManagerRole(governance.myRole(i.workspaceId)),
    }),
    'roles.list': (i) => governance.roles(i.workspaceId),
    'roles.define': (i) => {
      const role = governance.defineRole(i.workspaceId, { id: i.id, name: i.name, base: i.base, grants: i.grants });
      ctx.bus.emit('members.changed', { workspaceId: i.workspaceId });
      return role;
    },
    'roles.assign': (i) => {
      governance.assignRole(i.workspaceId, i.userId, i.role);
      ctx.bus.emit('members.changed', { workspaceId: i.workspaceId });
      return { userId: i.userId, role: i.role };
    },
    'members.list': (i) => members.list(i.workspaceId),
    'members.setRole': (i) => members.setRole(i.workspaceId, i.userId, i.role),
    'members.setExpiry': (i) => members.setExpiry(i.workspaceId, i.userId, i.expiresAt),
    'members.remove': (i) => members.remove(i.workspaceId, i.userId),
    'members.standing': (i) => members.standing(i.workspaceId),
    'invite.list': (i) => members.invitations(i.workspaceId),
    'invite.revoke': (i) => members.revokeInvitation(i.workspaceId, i.invitationId),
  }),
});
