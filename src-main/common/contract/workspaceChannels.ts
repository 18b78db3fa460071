/** Contract of the workspace registry: create, open, rename, recolour, archive, delete. */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { workspaceNameSchema } from './appChannels';
import { hasControlChars } from './hasControlChars';

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

const idInput = z.object({ id: workspaceIdSchema }).strict();

/** Workspace channels: name → input and output schema. */
export const workspaceChannels = {
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
} as const;

/** Workspace events: name → payload schema. */
export const workspaceEvents = {
  /** The full list of workspaces on this device, archived ones included, in rail order. */
  'workspaces.changed': z.object({ workspaces: z.array(workspaceSchema) }),
} as const;

export type Workspace = z.output<typeof workspaceSchema>;
export type WorkspaceKind = z.output<typeof workspaceKindSchema>;
