/**
 * Zod schemas of every HTTP body and path parameter of the relay
 * (docs/relay-api.md). Objects are strict: an unknown field is a 400.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../../src-main/common/ids';
import { RELAY_ROLES, type RelayRole } from '../../src-main/common/relayWire';

const email = z.email('must be an email address').max(254, 'must be at most 254 characters');
const role = z.enum(RELAY_ROLES as [RelayRole, ...RelayRole[]], { error: `must be one of ${RELAY_ROLES.join(', ')}` });

export const codeRequestSchema = z.strictObject({ email });

export const verifyRequestSchema = z.strictObject({
  email,
  code: z.string().regex(/^\d{8}$/, 'must be the 8 digits that were mailed'),
  deviceName: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
});

export const registerWorkspaceSchema = z.strictObject({ id: workspaceIdSchema });

export const setRoleSchema = z.strictObject({ role });

export const createInvitationSchema = z.strictObject({
  email,
  role: z.enum(['admin', 'member', 'guest'], { error: 'must be one of admin, member, guest' }),
  expiresInHours: z.number().int('must be a whole number').min(1, 'must be at least 1').max(24 * 30, 'must be at most 720').optional(),
});

export const acceptInvitationSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be an invitation token'),
});

/** Path parameter: a workspace id. */
export const workspaceIdParam = workspaceIdSchema;
/** Path parameter: a user or invitation id. */
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
