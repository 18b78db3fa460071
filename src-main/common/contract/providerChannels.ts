/**
 * Contract of model providers: the connections of this device (set once,
 * used by every workspace unless it picks another or has its own), the
 * OpenAI-compatible endpoint a workspace uses, connection tests before
 * saving, and token usage (see docs/providers.md and docs/connections.md). The API key goes in (`provider.set`) and never comes
 * out: outputs only say whether one is saved in the keychain.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { emptyInputSchema, keychainStatusSchema } from './appChannels';
import { plainHttpProblem } from '../loopbackHost';
import { hasControlChars } from './hasControlChars';

/** Ids of the provider presets (their defaults live in the agents layer). */
export const PROVIDER_PRESET_IDS = ['openai', 'azure-openai', 'openrouter', 'mistral', 'groq', 'ollama', 'lm-studio', 'llama-cpp', 'vllm', 'custom'] as const;

export const providerPresetIdSchema = z.enum(PROVIDER_PRESET_IDS);

/**
 * Checks a model server address and returns its canonical form (no trailing
 * slash), or null. Only http and https; no user name or password (the key
 * goes to the keychain, never into a URL), no query or fragment.
 */
export function normalizeProviderUrl(raw: string): string | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 2000 || hasControlChars(text) || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.hostname === '') return null;
  if (text.includes('?') || text.includes('#') || text.includes('@')) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The base URL of an OpenAI-compatible API, e.g. `http://127.0.0.1:11434/v1`; plain http:// only for this computer (the key would travel in clear). */
export const providerBaseUrlSchema = z
  .string()
  .max(2000, 'The address is too long')
  .transform((raw, ctx) => {
    const url = normalizeProviderUrl(raw);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: 'The address must look like https://api.example.com/v1 (http or https, no password in it)' });
      return z.NEVER;
    }
    const plain = plainHttpProblem(url, 'The model server address');
    if (plain !== null) {
      ctx.addIssue({ code: 'custom', message: plain });
      return z.NEVER;
    }
    return url;
  });

/** A model name as the server knows it (`gpt-4.1-mini`, `llama3.2:3b`, `org/model`): no spaces. */
export const providerModelSchema = z
  .string()
  .trim()
  .min(1, 'Give a model name')
  .max(256, 'A model name is at most 256 characters')
  .refine((s) => !/[\s\p{C}]/u.test(s), 'A model name has no spaces or control characters');

/** An API key: printable characters without spaces, at most 4096. */
export const apiKeySchema = z
  .string()
  .trim()
  .min(1, 'The API key is empty')
  .max(4096, 'The API key is too long')
  .regex(/^[\x21-\x7e]+$/, 'The API key has unexpected characters');

/** A preset: defaults for a kind of server, shown in the picker. */
export const providerPresetSchema = z.object({
  id: providerPresetIdSchema,
  label: z.string(),
  /** Empty for `custom`. */
  defaultBaseUrl: z.string(),
  /** Hosted services need a key; local servers usually do not. */
  requiresApiKey: z.boolean(),
  /** The server usually runs on this machine or network. */
  local: z.boolean(),
  chatModels: z.array(z.string()),
  embeddingsModels: z.array(z.string()),
  /** Where to create a key or read the docs, when there is such a place. */
  helpUrl: z.string().nullable(),
});

/** The provider of one workspace on this device (never synced). */
export const providerConfigSchema = z.object({
  preset: providerPresetIdSchema,
  baseUrl: z.string(),
  chatModel: z.string(),
  /** Null: no embeddings, memory recall uses full-text search only. */
  embeddingsModel: z.string().nullable(),
  embeddingsDimensions: z.number().int().nullable(),
  updatedAt: z.number().int(),
});

/**
 * A model connection of this device: a server (and its key, in the
 * keychain) that every workspace uses unless it picks another connection or
 * has a provider of its own. Never synced.
 */
export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  preset: providerPresetIdSchema,
  baseUrl: z.string(),
  chatModel: z.string(),
  hasApiKey: z.boolean(),
  /** The one workspaces use when they did not pick another. */
  isDefault: z.boolean(),
  updatedAt: z.number().int(),
});

const connectionIdSchema = z.string().regex(/^[a-z2-7]{1,64}$/, 'Unknown connection id');
const connectionNameSchema = z.string().trim().min(1, 'Give the connection a name').max(80, 'A connection name is at most 80 characters').refine((s) => !hasControlChars(s), 'A connection name cannot contain control characters');

export const providerStateSchema = z.object({
  workspaceId: workspaceIdSchema,
  /** The workspace's own provider (its own server or key, kept in this workspace); null when it uses a connection of the device. */
  config: providerConfigSchema.nullable(),
  /** What the workspace's digital humans use: its own provider, a device connection, or nothing yet. */
  source: z.enum(['workspace', 'connection', 'none']),
  /** The connection the workspace picked; null: the device default. */
  connectionId: z.string().nullable(),
  /** The device connection in use when `source` is `connection`. */
  connection: connectionSchema.nullable(),
  /** Whether an API key is saved in the keychain (the key itself never leaves the main process). */
  hasApiKey: z.boolean(),
  keychain: keychainStatusSchema,
  presets: z.array(providerPresetSchema),
});

export const providerTestResultSchema = z.object({
  ok: z.boolean(),
  /** Time of the 1-token chat request (or of the model list when the chat was not tried). */
  latencyMs: z.number().nullable(),
  /** Models the server lists, when it lists them. */
  models: z.array(z.string()).nullable(),
  /** One sentence for the user (English; the UI phrases success itself). */
  message: z.string(),
  errorCode: z.enum(['PROVIDER_UNREACHABLE', 'PROVIDER_REFUSED']).nullable(),
  /** What is wrong, for the UI to say in the person's language: nothing answers, too slow, the key, the model, or the server's own error. */
  problem: z.enum(['unreachable', 'timeout', 'key', 'model', 'server']).nullable(),
  /** The form field the problem concerns. */
  field: z.enum(['baseUrl', 'apiKey', 'chatModel']).nullable(),
});

/** Tokens used on one local day, by one digital human (null: none, e.g. a connection test), with one model. */
export const tokenUsageRowSchema = z.object({
  day: z.string(),
  dhId: z.string().nullable(),
  model: z.string(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  requests: z.number().int(),
});

export const tokenUsageSchema = z.object({
  /** First day included, `YYYY-MM-DD` in local time. */
  from: z.string(),
  rows: z.array(tokenUsageRowSchema),
});

const workspaceInput = z.object({ workspaceId: workspaceIdSchema }).strict();

/** Provider channels: name → input and output schema. */
export const providerChannels = {
  'provider.presets': { input: emptyInputSchema, output: z.array(providerPresetSchema) },
  'provider.get': { input: workspaceInput, output: providerStateSchema },
  'provider.set': {
    input: z
      .object({
        workspaceId: workspaceIdSchema,
        preset: providerPresetIdSchema,
        baseUrl: providerBaseUrlSchema,
        chatModel: providerModelSchema,
        /** Missing or null: no embeddings. */
        embeddingsModel: providerModelSchema.nullable().optional(),
        embeddingsDimensions: z.number().int().min(1).max(8192).nullable().optional(),
        /** A key to save, null to delete the saved one, missing to keep it. */
        apiKey: apiKeySchema.nullable().optional(),
      })
      .strict(),
    output: providerStateSchema,
  },
  'provider.test': { input: workspaceInput, output: providerTestResultSchema },
  /** The workspace uses a device connection (null: the default one); its own provider and key, if any, are removed. */
  'provider.use': {
    input: z.object({ workspaceId: workspaceIdSchema, connectionId: connectionIdSchema.nullable() }).strict(),
    output: providerStateSchema,
  },
  'connection.list': { input: emptyInputSchema, output: z.array(connectionSchema) },
  /** Creates (no id) or updates a connection; the key: a string to save, null to delete, missing to keep. */
  'connection.save': {
    input: z
      .object({
        id: connectionIdSchema.optional(),
        name: connectionNameSchema,
        preset: providerPresetIdSchema,
        baseUrl: providerBaseUrlSchema,
        chatModel: providerModelSchema,
        apiKey: apiKeySchema.nullable().optional(),
        makeDefault: z.boolean().optional(),
      })
      .strict(),
    output: connectionSchema,
  },
  'connection.delete': { input: z.object({ id: connectionIdSchema }).strict(), output: z.array(connectionSchema) },
  /**
   * Tests a connection as typed, before it is saved: lists the server's
   * models, then (with a chat model) makes a 1-token chat. A missing key
   * falls back to the saved one of connection `id`.
   */
  'connection.test': {
    input: z
      .object({
        id: connectionIdSchema.optional(),
        preset: providerPresetIdSchema,
        baseUrl: providerBaseUrlSchema,
        chatModel: providerModelSchema.optional(),
        apiKey: apiKeySchema.optional(),
      })
      .strict(),
    output: providerTestResultSchema,
  },
  'usage.list': {
    input: z.object({ workspaceId: workspaceIdSchema, days: z.number().int().min(1).max(366).default(30) }).strict(),
    output: tokenUsageSchema,
  },
} as const;

/** Provider events: name → payload schema. */
export const providerEvents = {
  /** The provider of a workspace was set on this device (by any window or the CLI of this core). */
  'provider.changed': z.object({ workspaceId: workspaceIdSchema }),
  /** The device's connections changed (added, edited, removed, a new default). */
  'connections.changed': z.object({ connections: z.array(connectionSchema) }),
} as const;

export type ProviderPresetId = z.output<typeof providerPresetIdSchema>;
export type ProviderPreset = z.output<typeof providerPresetSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type ProviderState = z.output<typeof providerStateSchema>;
export type ProviderTestResult = z.output<typeof providerTestResultSchema>;
export type Connection = z.output<typeof connectionSchema>;
export type TokenUsageRow = z.output<typeof tokenUsageRowSchema>;
export type TokenUsage = z.output<typeof tokenUsageSchema>;
