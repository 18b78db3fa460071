/**
 * Contract of digital humans (DH): AI assistants with a persona, a handle to
 * @mention, a model, enabled tools and long-term memory, created blank or
 * from a template (see docs/digital-humans.md). Every input is strict and
 * names its workspace.
 */
import { z } from 'zod';
import { memberIdSchema, workspaceIdSchema } from '../ids';
import { emptyInputSchema } from './appChannels';
import { hasControlChars } from './hasControlChars';
import { colorSchema } from './workspaceChannels';

/** Longest persona (the DH's instructions), in UTF-16 code units. */
export const PERSONA_MAX_LENGTH = 20_000;

/** The groups of tools a DH may be allowed to use (`connectors`: the tools of the workspace's connectors and MCP servers). */
export const DH_TOOL_NAMES = ['memory', 'tasks', 'knowledge', 'post', 'handoff', 'connectors'] as const;

/**
 * A DH handle, lowercase: a local part (what `@local` in a message matches:
 * letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit,
 * at most 40 characters) and optionally `@domain`, like an email address:
 * `philippe` or `philippe@qwanyx.com`.
 */
export const DH_HANDLE_PATTERN =
  /^[\p{L}\p{N}](?:[\p{L}\p{N}._-]{0,38}[\p{L}\p{N}])?(?:@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)?$/u;

/** Local parts no DH may take: they mean something else in messages and search. */
export const RESERVED_DH_HANDLES: readonly string[] = ['me', 'here', 'channel', 'everyone', 'all'];

/** The part of a DH handle that `@mentions` match: before the `@`. */
export function dhHandleLocalPart(handle: string): string {
  const at = handle.indexOf('@');
  return at < 0 ? handle : handle.slice(0, at);
}

/** A DH handle as typed: trimmed, a leading `@` dropped, lowercased, then checked. */
export const dhHandleSchema = z
  .string()
  .max(300, 'Handle is at most 40 characters, plus @domain')
  .transform((s) => s.trim().replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'Handle cannot be empty')
      .regex(DH_HANDLE_PATTERN, 'Handle may hold letters, digits, ".", "_" and "-" (like "philippe" or "philippe@qwanyx.com")')
      .refine((h) => !RESERVED_DH_HANDLES.includes(dhHandleLocalPart(h)), 'That handle is reserved'),
  );

/** A DH's name: trimmed, 1 to 80 characters, one line. */
export const dhNameSchema = z
  .string()
  .trim()
  .min(1, 'Name cannot be empty')
  .max(80, 'Name is at most 80 characters')
  .refine((s) => !hasControlChars(s), 'Name is one line without control characters');

/** A job title shown under the name ("Support agent"); empty for none. */
export const dhTitleSchema = z
  .string()
  .trim()
  .max(120, 'Title is at most 120 characters')
  .refine((s) => !hasControlChars(s), 'Title is one line without control characters');

/** The persona: instructions the DH follows, Markdown, at most PERSONA_MAX_LENGTH characters. */
export const personaSchema = z
  .string()
  .max(PERSONA_MAX_LENGTH, `Persona is at most ${PERSONA_MAX_LENGTH} characters`)
  .refine((s) => !s.includes('\u0000'), 'Persona cannot contain NUL characters');

/** A model name as a model server knows it (`gpt-4o-mini`, `llama3.1:8b`, `org/model`). */
export const modelNameSchema = z
  .string()
  .trim()
  .min(1, 'Model cannot be empty')
  .max(200, 'Model is at most 200 characters')
  .regex(/^[\w.:/@+-]+$/, 'Model is one word: letters, digits and . : / @ + - _');

export const dhToolSchema = z.enum(DH_TOOL_NAMES);

/** Enabled tools, each once, in the order of DH_TOOL_NAMES. */
export const dhToolsSchema = z
  .array(dhToolSchema)
  .max(20)
  .transform((tools) => DH_TOOL_NAMES.filter((t) => tools.includes(t)));

/** The id of a template (`support-agent`…); kept on the DH as where it came from. */
export const dhTemplateIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Unknown template');

/** A digital human's profile, as every member of the workspace sees it. */
export const digitalHumanSchema = z.object({
  id: memberIdSchema,
  name: z.string(),
  /** Unique in the workspace (case-insensitive): `philippe` or `philippe@qwanyx.com`. */
  handle: z.string(),
  /** What to type after `@` in a message: the handle's local part (unique among members). */
  mentionHandle: z.string(),
  title: z.string(),
  persona: z.string(),
  color: colorSchema,
  /** This DH's model; null uses the workspace's default model. */
  model: z.string().nullable(),
  tools: z.array(dhToolSchema),
  memoryEnabled: z.boolean(),
  /** The template it was created from, or null. */
  template: z.string().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  /** Archived DHs keep their history but leave the sidebar and answer no one. */
  archived: z.boolean(),
});

/** A ready-made profile to start a DH from. */
export const dhTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** A suggested handle (made unique when taken). */
  handle: z.string(),
  title: z.string(),
  /** One line saying what it is for, shown in the picker. */
  description: z.string(),
  persona: z.string(),
  color: colorSchema,
  tools: z.array(dhToolSchema),
  memoryEnabled: z.boolean(),
});

const dhRef = { workspaceId: workspaceIdSchema, dhId: memberIdSchema };

const dhCreateInput = z
  .object({
    workspaceId: workspaceIdSchema,
    /** Defaults to the template's name. */
    name: dhNameSchema.optional(),
    /** Defaults to one derived from the name, made unique. */
    handle: dhHandleSchema.optional(),
    title: dhTitleSchema.optional(),
    persona: personaSchema.optional(),
    color: colorSchema.optional(),
    model: modelNameSchema.nullable().optional(),
    tools: dhToolsSchema.optional(),
    memoryEnabled: z.boolean().optional(),
    /** Fills every field not given from this template. */
    template: dhTemplateIdSchema.nullable().optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || (v.template !== undefined && v.template !== null), {
    message: 'A digital human needs a name (or a template to take it from)',
    path: ['name'],
  });

/** DH channels: name → input and output schema. */
export const dhChannels = {
  /** The workspace's DHs, by name; archived ones only with includeArchived. */
  'dh.list': {
    input: z.object({ workspaceId: workspaceIdSchema, includeArchived: z.boolean().optional() }).strict(),
    output: z.array(digitalHumanSchema),
  },
  /** One DH by id, handle (`philippe@qwanyx.com`) or mention handle (`philippe`, with or without `@`). */
  'dh.get': {
    input: z.object({ workspaceId: workspaceIdSchema, dh: z.string().min(1).max(300) }).strict(),
    output: digitalHumanSchema,
  },
  /** Creates a DH, which also becomes a member of the workspace (kind `dh`). */
  'dh.create': { input: dhCreateInput, output: digitalHumanSchema },
  'dh.update': {
    input: z
      .object({
        ...dhRef,
        name: dhNameSchema.optional(),
        handle: dhHandleSchema.optional(),
        title: dhTitleSchema.optional(),
        persona: personaSchema.optional(),
        color: colorSchema.optional(),
        model: modelNameSchema.nullable().optional(),
        tools: dhToolsSchema.optional(),
        memoryEnabled: z.boolean().optional(),
      })
      .strict(),
    output: digitalHumanSchema,
  },
  /** Archives (or, with archived: false, restores) a DH. */
  'dh.archive': {
    input: z.object({ ...dhRef, archived: z.boolean().default(true) }).strict(),
    output: digitalHumanSchema,
  },
  /** Deletes a DH for good: its profile, its member entry and its memories, tasks and knowledge. */
  'dh.delete': { input: z.object(dhRef).strict(), output: z.object({ id: memberIdSchema }) },
  'dh.templates': { input: emptyInputSchema, output: z.array(dhTemplateSchema) },
} as const;

/** DH events: name → payload schema. */
export const dhEvents = {
  /** DHs were created, changed, archived or deleted (here or by a teammate): call dh.list. */
  'dh.changed': z.object({ workspaceId: workspaceIdSchema }),
} as const;

export type DhToolName = z.output<typeof dhToolSchema>;
export type DigitalHuman = z.output<typeof digitalHumanSchema>;
export type DhTemplate = z.output<typeof dhTemplateSchema>;
