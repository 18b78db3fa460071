/**
 * The IPC contract: every channel the renderer may call, with a zod schema
 * for its input and its output, and every event the core may push.
 *
 * The Electron router, the preload bridge and the browser host are all built
 * from this one table, so a channel exists everywhere or nowhere and its
 * input is parsed the same way in every shell.
 */
import { z } from 'zod';
import { workspaceIdSchema } from './ids';
import { normalizeRelayUrl } from './relayUrl';

/** True when `s` holds a control character (C0 or DEL), which display text must not. */
function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A workspace name: trimmed, 1 to 80 characters, no control characters. */
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'Name cannot be empty')
  .max(80, 'Name is at most 80 characters')
  .refine((s) => !hasControlChars(s), 'Name cannot contain control characters');

/** `#rrggbb`, the colour of a workspace on the rail. */
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must look like #1a2b3c');

/** An icon is one short emoji or symbol shown instead of the initials. */
export const iconSchema = z
  .string()
  .min(1)
  .max(16, 'Icon is one emoji or symbol')
  .refine((s) => !hasControlChars(s), 'Icon cannot contain control characters');

export const workspaceKindSchema = z.enum(['team', 'solo']);

export const workspaceSchema = z.object({
  id: workspaceIdSchema,
  name: z.string(),
  kind: workspaceKindSchema,
  color: colorSchema,
  icon: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.number().int(),
  lastOpenedAt: z.number().int().nullable(),
});

export const profileSchema = z.object({
  displayName: z.string(),
  email: z.string(),
});

export const languageSchema = z.enum(['system', 'en', 'fr']);
export const themeSchema = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.object({
  language: languageSchema,
  theme: themeSchema,
  activeWorkspaceId: workspaceIdSchema.nullable(),
});

export const keychainStatusSchema = z.object({
  available: z.boolean(),
  backend: z.string(),
  reason: z.string().nullable(),
});

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  shell: z.enum(['electron', 'web', 'cli']),
  keychain: keychainStatusSchema,
});

/** A relay address as typed by a user; parsed into its canonical form (see relayUrl.ts). */
export const relayUrlSchema = z
  .string()
  .max(2000, 'Relay address is too long')
  .transform((raw, ctx) => {
    const url = normalizeRelayUrl(raw);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: 'Relay address must look like https://relay.example.com' });
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

/** Where a workspace's sync stands (see docs/sync-client.md). */
export const syncStateSchema = z.enum(['local-only', 'offline', 'connecting', 'syncing', 'synced', 'error']);
/** Why a workspace is offline or in error, for the UI to phrase in its own language. */
export const syncReasonCodeSchema = z.enum(['unreachable', 'not-connected', 'no-access', 'signed-out', 'rejected', 'keychain', 'protocol']);

/** Sync status of one workspace. */
export const workspaceSyncStatusSchema = z.object({
  workspaceId: workspaceIdSchema,
  state: syncStateSchema,
  reasonCode: syncReasonCodeSchema.nullable(),
  /** A sentence in English for logs and the CLI; the UI phrases `reasonCode` itself. */
  reason: z.string().nullable(),
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

const empty = z.object({}).strict();
const idInput = z.object({ id: workspaceIdSchema }).strict();

/** Every callable channel: name → input and output schema. */
export const channels = {
  'app.info': { input: empty, output: appInfoSchema },
  'profile.get': { input: empty, output: profileSchema },
  'profile.update': {
    input: z
      .object({
        displayName: workspaceNameSchema,
        email: z.union([z.literal(''), z.string().trim().email('Email looks wrong').max(254)]),
      })
      .strict(),
    output: profileSchema,
  },
  'settings.get': { input: empty, output: settingsSchema },
  'settings.update': {
    input: z.object({ language: languageSchema.optional(), theme: themeSchema.optional() }).strict(),
    output: settingsSchema,
  },
  'workspace.list': {
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    output: z.array(workspaceSchema),
  },
  'workspace.create': {
    input: z
      .object({
        name: workspaceNameSchema,
        kind: workspaceKindSchema.default('team'),
        color: colorSchema.optional(),
        icon: iconSchema.nullable().optional(),
      })
      .strict(),
    output: workspaceSchema,
  },
  'workspace.open': { input: idInput, output: workspaceSchema },
  'workspace.rename': {
    input: z.object({ id: workspaceIdSchema, name: workspaceNameSchema }).strict(),
    output: workspaceSchema,
  },
  'workspace.setAppearance': {
    input: z
      .object({ id: workspaceIdSchema, color: colorSchema.optional(), icon: iconSchema.nullable().optional() })
      .strict(),
    output: workspaceSchema,
  },
  'workspace.setArchived': {
    input: z.object({ id: workspaceIdSchema, archived: z.boolean() }).strict(),
    output: workspaceSchema,
  },
  'workspace.delete': {
    input: z.object({ id: workspaceIdSchema, confirmName: z.string().max(200) }).strict(),
    output: z.object({ id: workspaceIdSchema }),
  },
  'relay.requestCode': {
    input: z.object({ url: relayUrlSchema, email: emailSchema }).strict(),
    output: z.object({ sent: z.literal(true) }),
  },
  'relay.signIn': {
    input: z
      .object({
        url: relayUrlSchema,
        email: emailSchema,
        code: z.string().trim().regex(/^\d{6}$/, 'The code is the 6 digits from the email'),
      })
      .strict(),
    output: relayAccountSchema,
  },
  'relay.signOut': { input: z.object({ url: relayUrlSchema }).strict(), output: z.object({ url: z.string() }) },
  'relay.accounts': { input: empty, output: z.array(relayAccountSchema) },
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
  'sync.status': { input: empty, output: z.array(workspaceSyncStatusSchema) },
  'sync.reconnect': { input: idInput, output: workspaceSyncStatusSchema },
} as const;

/** Events pushed from the core to every window: name → payload schema. */
export const events = {
  /** The full list of workspaces on this device, archived ones included, in rail order. */
  'workspaces.changed': z.object({ workspaces: z.array(workspaceSchema) }),
  'settings.changed': settingsSchema,
  'profile.changed': profileSchema,
  /** The sync status of one workspace changed (state, reason or pending count). */
  'sync.statusChanged': workspaceSyncStatusSchema,
  /** Relay accounts were signed in or out on this device. */
  'relay.accountsChanged': z.object({ accounts: z.array(relayAccountSchema) }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Workspace = z.output<typeof workspaceSchema>;
export type WorkspaceKind = z.output<typeof workspaceKindSchema>;
export type Profile = z.output<typeof profileSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type KeychainStatus = z.output<typeof keychainStatusSchema>;
export type RelayAccount = z.output<typeof relayAccountSchema>;
export type RelayRoleName = z.output<typeof relayRoleSchema>;
export type InviteRole = z.output<typeof inviteRoleSchema>;
export type SyncState = z.output<typeof syncStateSchema>;
export type SyncReasonCode = z.output<typeof syncReasonCodeSchema>;
export type WorkspaceSyncStatus = z.output<typeof workspaceSyncStatusSchema>;
export type Invitation = z.output<typeof invitationSchema>;
export type Language = z.output<typeof languageSchema>;
export type Theme = z.output<typeof themeSchema>;

/** True when `name` is a channel of the contract (guards untrusted strings). */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
