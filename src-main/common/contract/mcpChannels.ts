/**
 * Contract of MCP servers (docs/connectors-mcp.md): the Model Context
 * Protocol servers a workspace uses on this device, each a stdio command
 * (with environment variables) or a Streamable HTTP URL (with headers). Their
 * tools become tools of the workspace's digital humans. The configuration is
 * device-local (a command names a program of this computer), and secrets go
 * in (`mcp.add`) but never come out: header values and environment values
 * marked secret live in the keychain, outputs only name them.
 */
import { z } from 'zod';
import { workspaceIdSchema } from '../ids';
import { serviceUrlSchema } from './serviceUrlSchema';
import { hasControlChars } from './hasControlChars';

/** A server's name in its workspace: lowercase letters, digits and `-`, at most 32 (`mcp_<name>_<tool>` names its tools). */
export const MCP_SERVER_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export const mcpServerNameSchema = z
  .string()
  .trim()
  .regex(MCP_SERVER_NAME_PATTERN, 'A server name is 1-32 lowercase letters, digits or "-" (not at either end), e.g. "notes"');

/** What a server is doing on this device. */
export const MCP_STATUSES = ['stopped', 'starting', 'running', 'failed'] as const;
export const mcpStatusSchema = z.enum(MCP_STATUSES);

const oneLine = (what: string, max: number) =>
  z
    .string()
    .max(max, `${what} is at most ${max} characters`)
    .refine((s) => !hasControlChars(s), `${what} cannot contain control characters`);

/** An environment variable given to a stdio server; a secret value goes to the keychain. */
export const mcpEnvInputSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'An environment variable name is letters, digits and "_", not starting with a digit'),
    value: oneLine('An environment value', 4000),
    secret: z.boolean().default(false),
  })
  .strict();

/** An HTTP header sent to a Streamable HTTP server; its value always goes to the keychain. */
export const mcpHeaderInputSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'A header name is letters, digits and "-"'),
    value: oneLine('A header value', 8000),
  })
  .strict();

/** The address of a Streamable HTTP server: http(s), no password in it, plain http only for this computer. */
export const mcpUrlSchema = serviceUrlSchema({
  lookLike: 'The address must look like https://mcp.example.com/mcp (http or https)',
  credentials: 'Put credentials in a header (--header Authorization=…), not in the address',
  allowQuery: true,
  name: 'The MCP server address',
});

/** Longest wait for one tool call, in ms (the default when none is given: 30 s). */
export const MCP_DEFAULT_CALL_TIMEOUT_MS = 30_000;
const timeoutSchema = z.number().int().min(100, 'The timeout is at least 100 ms').max(600_000, 'The timeout is at most 10 minutes');

/** A client id as authorization servers issue them: printable ASCII. */
export const mcpOAuthClientIdSchema = z.string().trim().min(1, 'The client id cannot be empty').max(256, 'A client id is at most 256 characters').regex(/^[\x21-\x7e]+$/, 'A client id is printable characters without spaces');
/** OAuth scopes separated by spaces (RFC 6749 §3.3). */
export const mcpOAuthScopeSchema = z
  .string()
  .trim()
  .min(1, 'The scope cannot be empty')
  .max(1000, 'The scope is at most 1000 characters')
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'The scope is names separated by single spaces, without quotes or backslashes');

/** Signing in with OAuth (MCP authorization): the client id when one was issued (else registered dynamically), the scope to ask. */
export const mcpOAuthInputSchema = z.object({ clientId: mcpOAuthClientIdSchema.optional(), scope: mcpOAuthScopeSchema.optional() }).strict();

const addBase = { workspaceId: workspaceIdSchema, name: mcpServerNameSchema, callTimeoutMs: timeoutSchema.optional() };

export const mcpAddInputSchema = z.discriminatedUnion('transport', [
  z
    .object({
      ...addBase,
      transport: z.literal('stdio'),
      command: oneLine('The command', 1000).pipe(z.string().trim().min(1, 'The command cannot be empty')),
      args: z.array(oneLine('An argument', 4000)).max(100, 'At most 100 arguments').default([]),
      env: z.array(mcpEnvInputSchema).max(50, 'At most 50 environment variables').default([]),
    })
    .strict(),
  z
    .object({
      ...addBase,
      transport: z.literal('http'),
      url: mcpUrlSchema,
      headers: z.array(mcpHeaderInputSchema).max(30, 'At most 30 headers').default([]),
      /** Sign in with OAuth (then call mcp.signIn); its tokens live in the keychain. */
      oauth: mcpOAuthInputSchema.optional(),
    })
    .strict(),
]);

/** Whether an OAuth server can be used: signed in, or someone must sign in (again), and why. */
export const mcpOAuthViewSchema = z.object({
  state: z.enum(['signed-in', 'needs-sign-in']),
  reason: z.string().nullable(),
  clientId: z.string().nullable(),
  scope: z.string().nullable(),
  /** When the access token expires (ms since the epoch); it is renewed shortly before. */
  expiresAt: z.number().nullable(),
});

/** A tool of a server, as digital humans see it. */
export const mcpToolViewSchema = z.object({
  /** The name digital humans call it by: `mcp_<server>_<tool>`. */
  name: z.string(),
  /** Its name on the server. */
  mcpName: z.string(),
  description: z.string(),
  /** True when the server marks it read-only (readOnlyHint): it runs without confirmation. */
  readOnly: z.boolean(),
  inputSchema: z.record(z.string(), z.unknown()),
});

/** A server, without its secrets. */
export const mcpServerViewSchema = z.object({
  name: z.string(),
  transport: z.enum(['stdio', 'http']),
  command: z.string().nullable(),
  args: z.array(z.string()),
  url: z.string().nullable(),
  /** Environment variables: non-secret ones with their value, secret ones by name only. */
  env: z.array(z.object({ name: z.string(), value: z.string().nullable(), secret: z.boolean() })),
  /** Header names (their values are in the keychain). */
  headers: z.array(z.string()),
  callTimeoutMs: z.number().int(),
  /** The permission a person needs for digital humans to use it: `connector.use:mcp-<name>`. */
  permission: z.string(),
  status: mcpStatusSchema,
  lastError: z.string().nullable(),
  /** Its tools as last listed (null until it has run once). */
  tools: z.array(mcpToolViewSchema).nullable(),
  /** Null: no OAuth (headers or nothing); else its sign-in state. */
  oauth: mcpOAuthViewSchema.nullable(),
  /** The file its stderr goes to. */
  logPath: z.string(),
  createdAt: z.number().int(),
  /** When a digital human's call of one of its tools last passed the gate on this device (ISO 8601); null when never. */
  lastUsedAt: z.string().datetime().nullable(),
});

const serverRef = { workspaceId: workspaceIdSchema, name: mcpServerNameSchema };

/** MCP channels: name → input and output schema. */
export const mcpChannels = {
  /** The workspace's MCP servers on this device, by name, with their status. */
  'mcp.list': { input: z.object({ workspaceId: workspaceIdSchema }).strict(), output: z.array(mcpServerViewSchema) },
  /** Adds a server (not started: it starts when first used). */
  'mcp.add': { input: mcpAddInputSchema, output: mcpServerViewSchema },
  /** Stops a server and forgets it, its secrets and its tools. */
  'mcp.remove': { input: z.object(serverRef).strict(), output: z.object({ name: z.string() }) },
  /** One server and its status. */
  'mcp.status': { input: z.object(serverRef).strict(), output: mcpServerViewSchema },
  /** Starts a server (again when it runs or failed): its status after. */
  'mcp.restart': { input: z.object(serverRef).strict(), output: mcpServerViewSchema },
  /** Stops a server (it starts again when next used). */
  'mcp.stop': { input: z.object(serverRef).strict(), output: mcpServerViewSchema },
  /**
   * Signs in to a server added with OAuth, in the system browser (an
   * `mcp.authorizing` event carries the address too); resolves once signed in.
   */
  'mcp.signIn': { input: z.object(serverRef).strict(), output: mcpServerViewSchema },
  /** Cancels the sign-in of a server that waits for the browser; `cancelled` is false when none waited. */
  'mcp.signInCancel': { input: z.object(serverRef).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** Lists a server's tools, starting it if needed. */
  'mcp.tools': { input: z.object(serverRef).strict(), output: z.array(mcpToolViewSchema) },
  /** Calls a tool yourself (audited); the result is the server's, untouched. */
  'mcp.call': {
    input: z
      .object({
        ...serverRef,
        tool: z.string().min(1).max(200),
        arguments: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
    output: z.object({ isError: z.boolean(), content: z.array(z.unknown()), structuredContent: z.unknown().optional() }),
  },
} as const;

/** MCP events: name → payload schema. */
export const mcpEvents = {
  /** A server was added, removed, or changed status: call mcp.list. */
  'mcp.changed': z.object({ workspaceId: workspaceIdSchema }),
  /** A sign-in waits in the browser: the shell opened `url`; a window or the command line shows it too. */
  'mcp.authorizing': z.object({ workspaceId: workspaceIdSchema, name: z.string(), url: z.string() }),
} as const;

export type McpServerView = z.output<typeof mcpServerViewSchema>;
export type McpToolView = z.output<typeof mcpToolViewSchema>;
export type McpAddInput = z.output<typeof mcpAddInputSchema>;
export type McpStatus = z.output<typeof mcpStatusSchema>;
export type McpOAuthView = z.output<typeof mcpOAuthViewSchema>;
