/**
 * The relay's member and invitation routes (docs/relay-api.md), as the core
 * calls them: list members, change a role, remove a member, list and revoke
 * invitations. Answers are parsed with zod (a relay is a remote party);
 * errors are RelayApi's.
 */
import { z } from 'zod';
import { instantSchema, type RelayApi } from './RelayApi';

const roleSchema = z.enum(['owner', 'admin', 'member', 'guest']);
const memberSchema = z.object({ userId: z.string().min(1).max(200), email: z.string().max(254), role: roleSchema });
const invitationSchema = z.object({
  id: z.string().min(1).max(200),
  email: z.string().max(254),
  role: roleSchema,
  expiresAt: instantSchema,
  acceptedAt: instantSchema.nullable(),
  revokedAt: instantSchema.nullable(),
});

/** A member as the relay lists them. */
export type RelayMember = z.output<typeof memberSchema>;
/** An invitation as the relay lists it. */
export type RelayInvitationView = z.output<typeof invitationSchema>;

export class RelayMembersApi {
  constructor(private readonly api: RelayApi) {}

  async members(deviceToken: string, workspaceId: string): Promise<RelayMember[]> {
    return this.api.request('GET', `/v1/workspaces/${encodeURIComponent(workspaceId)}/members`, z.array(memberSchema).max(10_000), { deviceToken });
  }

  async setRole(deviceToken: string, workspaceId: string, userId: string, role: RelayMember['role']): Promise<RelayMember> {
    return this.api.request('PATCH', `/v1/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`, memberSchema, { deviceToken, body: { role } });
  }

  async remove(deviceToken: string, workspaceId: string, userId: string): Promise<void> {
    await this.api.request('DELETE', `/v1/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`, z.null(), { deviceToken });
  }

  async invitations(deviceToken: string, workspaceId: string): Promise<RelayInvitationView[]> {
    return this.api.request('GET', `/v1/workspaces/${encodeURIComponent(workspaceId)}/invitations`, z.array(invitationSchema).max(10_000), { deviceToken });
  }

  async revokeInvitation(deviceToken: string, workspaceId: string, invitationId: string): Promise<void> {
    await this.api.request('DELETE', `/v1/workspaces/${encodeURIComponent(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`, z.null(), { deviceToken });
  }
}
