/** Contract of sync: relay accounts, linking a workspace, invitations, sync status. */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { plainHttpProblem } from '../loopbackHost';
import { normalizeRelayUrl } from '../relayUrl';
import { emptyInputSchema } from './appChannels';
import { workspaceSchema } from './workspaceChannels';

/** A relay address as typed by a user; parsed into its canonical form (see relayUrl.ts). Plain http:// or ws:// only for this computer. */
export const relayUrlSchema = z
  .string()
  .max(2000, 'Relay address is too long')
  .transform((raw, ctx) => {
    const url = normalizeRelayUrl(raw);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: 'Relay address must look like https://relay.example.com' });
      return z.NEVER;
    }
    const plain = plainHttpProblem(url, 'The relay address');
    if (plain !== null) {
      ctx.addIssue({ code: 'custom', message: plain });
      return z.NEVER;
    }
    return url;
  });

const emailSchema = z.string().trim().toLowerCase().email('Email looks wrong').max(254);

/** A member's role in a workspace on a relay; `guest` is read-only. */
export const relayRoleSchema = z.enum(['owner', 'admin', 'member', 'guest']);
/** Roles an invitation can grant: every role but owner. */
export const inviteRoleSchema = z.enum(['admin', 'member', 'guest']);

/** An account on a relay, signed in on this device (its device token is in the keychain). */
export const relayAccountSchema = z.object({
  url: z.string(),
  email: z.string(),
  userId: z.string(),
  signedInAt: z.number().int(),
});

/** A device signed in to a relay with this device's account (times ISO 8601); `current` is this device. */
export const relayDeviceSchema = z.object({
  relayUrl: z.string(),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});

/** Where a workspace's sync stands (see docs/sync-client.md). */
export const syncStateSchema = z.enum(['local-only', 'offline', 'connecting', 'syncing', 'synced', 'error']);
/** Why a workspace is offline or in error, for the UI to phrase in its own language. */
export const syncReasonCodeSchema = z.enum(['unreachable', 'not-connected', 'no-access', 'removed', 'signed-out', 'rejected', 'keychain', 'protocol']);

/** Sync status of one workspace. */
export const workspaceSyncStatusSchema = z.object({
  workspaceId: workspaceIdSchema,
  state: syncStateSchema,
  reasonCode: syncReasonCodeSchema.nullable(),
  /** A sentence in English for logs and the CLI; the UI phrases `reasonCode` itself. */
  reason: z.string().nullable(),
  /** Reason `removed`: when an owner erased the workspace from the relay (ISO 8601), when the relay said. */
  erasedAt: z.string().nullable().optional(),
  /** Local changes not yet acknowledged by the relay. */
  pending: z.number().int().min(0),
  relayUrl: z.string().nullable(),
  accountEmail: z.string().nullable(),
  role: relayRoleSchema.nullable(),
});

export const invitationSchema = z.object({
  id: z.string(),
  workspaceId: workspaceIdSchema,
  email: z.string(),
  role: relayRoleSchema,
  /** Give this to the invitee: it joins the workspace with `invite.accept`. */
  token: z.string(),
  expiresAt: z.string(),
  relayUrl: z.string(),
});

const idInput = z.object({ id: workspaceIdSchema }).strict();

/** Sync channels: name → input and output schema. */
export const syncChannels = {
  'relay.requestCode': {
    input: z.object({ url: relayUrlSchema, email: emailSchema }).strict(),
    output: z.object({ sent: z.literal(true) }),
  },
  'relay.signIn': {
    input: z
      .object({
        url: relayUrlSchema,
        email: emailSchema,
        code: z.string().trim().regex(/^\d{8}$/, 'The code is the 8 digits from the email'),
      })
      .strict(),
    output: relayAccountSchema,
  },
  /** Revokes this device on the relay (when reachable), then forgets its token here. */
  'relay.signOut': { input: z.object({ url: relayUrlSchema }).strict(), output: z.object({ url: z.string(), revokedOnRelay: z.boolean() }) },
  'relay.accounts': { input: emptyInputSchema, output: z.array(relayAccountSchema) },
  /** The devices of the account on `url`, or of every account. */
  'relay.devices': { input: z.object({ url: relayUrlSchema.optional() }).strict(), output: z.array(relayDeviceSchema) },
  /** Revokes one device; revoking this one signs it out (`signedOut`). */
  'relay.revokeDevice': {
    input: z
      .object({ url: relayUrlSchema, deviceId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A device id is letters, digits, - and _ (see qwanyx relay devices)') })
      .strict(),
    output: z.object({ url: z.string(), deviceId: z.string(), signedOut: z.boolean() }),
  },
  /**
   * An owner erases a linked workspace from its relay, for everyone: its docs, files, members and
   * invitations (the relay checks the owner). This device keeps its copy; delete it with `workspace.delete`.
   */
  'workspace.eraseFromRelay': {
    input: z.object({ id: workspaceIdSchema, confirmName: z.string().max(200) }).strict(),
    output: z.object({ docs: z.number().int(), blobs: z.number().int(), members: z.number().int(), invitations: z.number().int() }),
  },
  /**
   * Turns a workspace its relay's owner erased (sync reason `removed`) into a local-only one on this
   * device: its relay link goes, its content stays. Refused for a workspace the relay still holds.
   */
  'workspace.unlinkRelay': { input: idInput, output: workspaceSyncStatusSchema },
  'workspace.link': {
    input: z.object({ id: workspaceIdSchema, relayUrl: relayUrlSchema }).strict(),
    output: workspaceSyncStatusSchema,
  },
  'invite.create': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        email: emailSchema,
        role: inviteRoleSchema,
        expiresInHours: z.number().int().min(1).max(24 * 30).optional(),
      })
      .strict(),
    output: invitationSchema,
  },
  'invite.accept': {
    input: z
      .object({
        relayUrl: relayUrlSchema,
        token: z.string().trim().min(1, 'Paste the invitation token').max(4096).regex(/^[\x21-\x7e]+$/, 'The invitation token has unexpected characters'),
      })
      .strict(),
    output: workspaceSchema,
  },
  'sync.status': { input: emptyInputSchema, output: z.array(workspaceSyncStatusSchema) },
  'sync.reconnect': { input: idInput, output: workspaceSyncStatusSchema },
} as const;

/** Sync events: name → payload schema. */
export const syncEvents = {
  /** The sync status of one workspace changed (state, reason or pending count). */
  'sync.statusChanged': workspaceSyncStatusSchema,
  /** Relay accounts were signed in or out on this device. */
  'relay.accountsChanged': z.object({ accounts: z.array(relayAccountSchema) }),
} as const;

export type RelayAccount = z.output<typeof relayAccountSchema>;
export type RelayDevice = z.output<typeof relayDeviceSchema>;
export type RelayRoleName = z.output<typeof relayRoleSchema>;
export type InviteRole = z.output<typeof inviteRoleSchema>;
export type SyncState = z.output<typeof syncStateSchema>;
export type SyncReasonCode = z.output<typeof syncReasonCodeSchema>;
export type WorkspaceSyncStatus = z.output<typeof workspaceSyncStatusSchema>;
export type Invitation = z.output<typeof invitationSchema>;
