/**
 * Contract of the app itself: version and shell, the local profile (with the
 * stable user id that authors messages) and app settings.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { hasControlChars } from './hasControlChars';

/** The input of channels that take none. */
export const emptyInputSchema = z.object({}).strict();

/** A display name (of a workspace or a person): trimmed, 1 to 80 characters, no control characters. */
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'Name cannot be empty')
  .max(80, 'Name is at most 80 characters')
  .refine((s) => !hasControlChars(s), 'Name cannot contain control characters');

/**
 * The local profile. `userId` is random, created at first launch and never
 * changes: it is the author id of this person's messages in every workspace
 * and their key in each workspace's member list (see docs/rooms.md).
 */
export const profileSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
});

export const languageSchema = z.enum(['system', 'en', 'fr']);
/**
 * Where this device is in its first run: `name` until the person has said
 * their name, then the guided start's steps (`model`: connect a model or
 * skip, `dh`: a first digital human from a template or skip), then `done`.
 */
export const onboardingStepSchema = z.enum(['name', 'model', 'dh', 'done']);
export const themeSchema = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.object({
  language: languageSchema,
  theme: themeSchema,
  activeWorkspaceId: workspaceIdSchema.nullable(),
  onboarding: onboardingStepSchema,
  /** Workspaces whose notifications and app badge count are off on this device. */
  mutedWorkspaceIds: z.array(workspaceIdSchema),
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

/** App, profile and settings channels: name → input and output schema. */
export const appChannels = {
  'app.info': { input: emptyInputSchema, output: appInfoSchema },
  'profile.get': { input: emptyInputSchema, output: profileSchema },
  'profile.update': {
    input: z
      .object({
        displayName: workspaceNameSchema,
        email: z.union([z.literal(''), z.string().trim().email('Email looks wrong').max(254)]),
      })
      .strict(),
    output: profileSchema,
  },
  'settings.get': { input: emptyInputSchema, output: settingsSchema },
  'settings.update': {
    input: z
      .object({
        language: languageSchema.optional(),
        theme: themeSchema.optional(),
        onboarding: onboardingStepSchema.optional(),
        /** Mutes (or unmutes) the notifications of one workspace on this device. */
        mute: z.object({ workspaceId: workspaceIdSchema, muted: z.boolean() }).strict().optional(),
      })
      .strict(),
    output: settingsSchema,
  },
} as const;

/** App events: name → payload schema. */
export const appEvents = {
  'settings.changed': settingsSchema,
  'profile.changed': profileSchema,
} as const;

export type Profile = z.output<typeof profileSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type KeychainStatus = z.output<typeof keychainStatusSchema>;
export type Language = z.output<typeof languageSchema>;
export type Theme = z.output<typeof themeSchema>;
export type OnboardingStep = z.output<typeof onboardingStepSchema>;
