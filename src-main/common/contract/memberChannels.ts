/**
 * Contract of members and roles: who is in a workspace and with which role
 * (the relay's list for a synced workspace; its owner alone for a
 * local-only one), changing a role, a guest's expiry, removing someone,
 * the pending invitations (list, revoke), and what the local person may do
 * (a guest's composer is read-only).
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';

const userIdSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'User id must be letters, digits, "_" or "-"');
export const memberRoleSchema = z.enum(['owner', 'admin', 'member', 'guest']);

/** One member of a workspace. */
export const workspaceMemberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: memberRoleSchema,
  /** The id of the custom role the governance doc gives them, if any (it adds grants to `role`). */
  customRole: z.string().nullable(),
  /** When a guest's access ends (ms); null for never. */
  expiresAt: z.number().nullable(),
  you: z.boolean(),
});

/** The members of a workspace and what the caller may do with them. */
export const memberListSchema = z.object({
  /** Local-only: one person, its owner, and no invitations. */
  solo: z.boolean(),
  /** The caller is an owner or admin (changes roles, removes, invites). */
  canManage: z.boolean(),
  members: z.array(workspaceMemberSchema),
});

/** An invitation as its workspace lists it. */
export const pendingInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: memberRoleSchema,
  expiresAt: z.string(),
  state: z.enum(['pending', 'accepted', 'revoked', 'expired']),
});

/** What the local person may do in a workspace. */
export const memberStandingSchema = z.object({
  role: memberRoleSchema,
  /** Guests read; the composer says why it is off. */
  readOnly: z.boolean(),
  expiresAt: z.number().nullable(),
});

const target = { workspaceId: workspaceIdSchema, userId: userIdSchema };

export const memberChannels = {
  'members.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: memberListSchema },
  'members.setRole': { input: z.object({ ...target, role: memberRoleSchema }).strict(), output: memberListSchema },
  'members.setExpiry': {
    input: z.object({ ...target, expiresAt: z.number().int().positive().nullable() }).strict(),
    output: memberListSchema,
  },
  'members.remove': { input: z.object(target).strict(), output: memberListSchema },
  'members.standing': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: memberStandingSchema },
  'invite.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(pendingInvitationSchema) },
  'invite.revoke': {
    input: z.object({ workspaceId: workspaceIdSchema, invitationId: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'Invitation id looks wrong') }).strict(),
    output: z.array(pendingInvitationSchema),
  },
} as const;

export const memberEvents = {
  /** Members, roles or invitations of a workspace changed from this device. */
  'members.changed': z.object({ workspaceId: z.string() }),
} as const;

export type WorkspaceMember = z.infer<typeof workspaceMemberSchema>;
export type MemberList = z.infer<typeof memberListSchema>;
export type PendingInvitation = z.infer<typeof pendingInvitationSchema>;
export type MemberStanding = z.infer<typeof memberStandingSchema>;
