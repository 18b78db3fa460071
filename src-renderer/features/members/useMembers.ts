/**
 * The members of a workspace and its invitations, loaded from the core and
 * again whenever they change from this device ('members.changed').
 */
import type { MemberList, MemberStanding, PendingInvitation } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useLiveValue, type LiveValue } from '../../lib/useLiveValue';

export function useMembers(workspaceId: string): LiveValue<MemberList> {
  return useLiveValue({ key: workspaceId, workspaceId, event: 'members.changed', fetch: () => api.invoke('members.list', { workspaceId }), what: 'the members' });
}

export function useInvitations(workspaceId: string, enabled: boolean): LiveValue<PendingInvitation[]> {
  return useLiveValue({
    key: `${workspaceId}:${String(enabled)}`,
    workspaceId,
    event: 'members.changed',
    fetch: () => (enabled ? api.invoke('invite.list', { workspaceId }) : Promise.resolve([])),
    what: 'the invitations',
  });
}

/** What the local person may do: a guest (or one whose guest access ended) reads only. Reloaded when the sync status changes (a new role arrives with a new token). */
export function useStanding(workspaceId: string): LiveValue<MemberStanding> {
  return useLiveValue({ key: workspaceId, workspaceId, event: 'sync.statusChanged', fetch: () => api.invoke('members.standing', { workspaceId }), what: 'your role' });
}
