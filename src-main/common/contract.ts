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

/** True when `s` holds a control character (C0 or DEL), which display text must not. */
function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

const trimmedName = z
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

const empty = z.object({}).strict();
const idInput = z.object({ id: workspaceIdSchema }).strict();

/** Every callable channel: name → input and output schema. */
export const channels = {
  'app.info': { input: empty, output: appInfoSchema },
  'profile.get': { input: empty, output: profileSchema },
  'profile.update': {
    input: z
      .object({
        displayName: trimmedName,
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
        name: trimmedName,
        kind: workspaceKindSchema.default('team'),
        color: colorSchema.optional(),
        icon: iconSchema.nullable().optional(),
      })
      .strict(),
    output: workspaceSchema,
  },
  'workspace.open': { input: idInput, output: workspaceSchema },
  'workspace.rename': {
    input: z.object({ id: workspaceIdSchema, name: trimmedName }).strict(),
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
} as const;

/** Events pushed from the core to every window: name → payload schema. */
export const events = {
  /** The full list of workspaces on this device, archived ones included, in rail order. */
  'workspaces.changed': z.object({ workspaces: z.array(workspaceSchema) }),
  'settings.changed': settingsSchema,
  'profile.changed': profileSchema,
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
