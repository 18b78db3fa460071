/**
 * The MCP servers of one workspace on this device, in
 * `<dataDir>/workspaces/<id>/connectors/mcp-servers.json` (device-local,
 * never synced; deleted with the workspace's folder). A file rather than a
 * table: it is small, read whole, and written whole and atomically
 * (writeFileAtomic) on each change.
 *
 * Format (version 1), written by `save` and read by `load`:
 * ```
 * { "version": 1, "servers": [ {
 *     "name": "notes", "transport": "stdio" | "http",
 *     "command": "npx" | null, "args": ["-y", "…"], "url": null | "https://…",
 *     "env": [{ "name": "LOG", "value": "debug" | null, "secret": false }],
 *     "headers": ["Authorization"],
 *     "oauth": null | { "clientId": "…" | null, "scope": "…" | null,
 *                       "authorizationServerUrl": "https://…" | null, "resourceMetadataUrl": "https://…" | null },
 *     "callTimeoutMs": 30000, "createdAt": 1767225600000,
 *     "tools": null | [{ "name": "mcp_notes_read", "mcpName": "read", "description": "…",
 *                        "readOnly": true, "inputSchema": { … } }] } ] }
 * ```
 * Secret values (header values, env values marked secret, OAuth tokens and clients) are never in it:
 * their `value` is null and they live in the keychain. `tools` is the list
 * as last fetched, so digital humans see a server's tools before it starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/AppError';
import { mcpServerNameSchema, mcpToolViewSchema } from '../../common/contract/mcpChannels';
import { writeFileAtomic } from '../files/writeFileAtomic';
import { workspaceDir } from '../workspacePaths';

const recordSchema = z.object({
  name: mcpServerNameSchema,
  transport: z.enum(['stdio', 'http']),
  command: z.string().nullable(),
  args: z.array(z.string()),
  url: z.string().nullable(),
  env: z.array(z.object({ name: z.string(), value: z.string().nullable(), secret: z.boolean() })),
  headers: z.array(z.string()),
  callTimeoutMs: z.number().int().positive(),
  createdAt: z.number().int(),
  tools: z.array(mcpToolViewSchema).nullable(),
  /** Signs in with OAuth: the client id given (else registered), the scope, where discovery found the authorization server. */
  oauth: z
    .object({
      clientId: z.string().nullable(),
      scope: z.string().nullable(),
      authorizationServerUrl: z.string().nullable().default(null),
      resourceMetadataUrl: z.string().nullable().default(null),
    })
    .nullable()
    .default(null),
});

const fileSchema = z.object({ version: z.literal(1), servers: z.array(recordSchema) });

/** One server as stored (no secret in it). */
export type McpServerRecord = z.output<typeof recordSchema>;

/** The folder of a workspace's connector files. */
export function connectorsDir(dataDir: string, workspaceId: string): string {
  return path.join(workspaceDir(dataDir, workspaceId), 'connectors');
}

/** Reads and writes the MCP servers file of one workspace. */
export class McpServerStore {
  private readonly file: string;

  constructor(dataDir: string, workspaceId: string) {
    this.file = path.join(connectorsDir(dataDir, workspaceId), 'mcp-servers.json');
  }

  /** The servers, by name; none when the file does not exist. Throws when it is damaged. */
  load(): McpServerRecord[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    const file = fileSchema.safeParse(parsed);
    if (!file.success) throw new AppError('INTERNAL', `The MCP servers file ${this.file} is damaged; fix or delete it, then add the servers again`);
    return file.data.servers;
  }

  /** Replaces the whole list. */
  save(servers: readonly McpServerRecord[]): void {
    const sorted = [...servers].sort((a, b) => a.name.localeCompare(b.name));
    writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify({ version: 1, servers: sorted }, null, 2)}\n`));
  }

  /** The folder of the servers' stderr logs. */
  logDir(): string {
    return path.join(path.dirname(this.file), 'mcp-logs');
  }
}
