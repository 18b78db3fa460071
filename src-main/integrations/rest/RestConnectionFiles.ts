/**
 * The REST connections of a workspace on this device, without any
 * credential: `<workspace folder>/connectors/rest/<name>.json`, written
 * atomically, gone with the workspace's folder, never synced (a teammate's
 * device connects with its own credentials).
 *
 * Format (JSON, version 1):
 *   {"v":1,"name":"espo","baseUrl":"https://crm.example.com/api/v1",
 *    "auth":{"kind":"hmac"|"header"|"basic"|"oauth","header":null|"X-Api-Key","prefix":""},
 *    "specSource":"espocrm"|"hubspot"|"file","spec":RestSpec,"connectedAt":ms,"reconnect":null|"why"[,"oauth":OAuthProvider]}
 * `oauth` (an OAuth connection): the provider record OAuthClient signs in
 * and refreshes with (endpoints, scopes, the client id; the client secret,
 * when there is one, and the tokens are in the keychain).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../storage/files/writeFileAtomic';
import { workspaceDir } from '../../storage/workspacePaths';
import { parseOAuthProvider, type OAuthProvider } from '../oauth/OAuthProvider';
import type { RestAuthShape } from './RestApi';
import { restSpecSchema, type RestSpec } from './RestSpec';

export const REST_NAME = /^[a-z][a-z0-9-]{0,23}$/;

export interface RestConnection {
  name: string;
  baseUrl: string;
  auth: RestAuthShape;
  specSource: string;
  spec: RestSpec;
  connectedAt: number;
  reconnect: string | null;
  /** The OAuth provider record of an `oauth` connection. */
  oauth?: OAuthProvider | undefined;
}

const fileSchema = z.object({
  v: z.literal(1),
  name: z.string().regex(REST_NAME),
  baseUrl: z.string().url(),
  auth: z.object({ kind: z.enum(['header', 'basic', 'hmac', 'oauth']), header: z.string().nullable(), prefix: z.string() }),
  specSource: z.string(),
  spec: restSpecSchema,
  connectedAt: z.number(),
  reconnect: z.string().nullable(),
  oauth: z
    .unknown()
    .transform((o, ctx) => {
      try {
        return parseOAuthProvider(o);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
});

export class RestConnectionFiles {
  constructor(private readonly dataDir: string) {}

  /** Every readable connection of `workspaceId` (an unreadable file is left out: connect it again). */
  list(workspaceId: string): RestConnection[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir(workspaceId)).filter((f) => f.endsWith('.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names
      .map((f) => this.read(workspaceId, f.slice(0, -5)))
      .filter((c): c is RestConnection => c !== null)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  read(workspaceId: string, name: string): RestConnection | null {
    if (!REST_NAME.test(name)) return null;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(this.file(workspaceId, name), 'utf8')));
      if (!parsed.success || parsed.data.name !== name || (parsed.data.auth.kind === 'oauth') !== (parsed.data.oauth !== undefined)) return null;
      const { v: _v, ...rest } = parsed.data;
      return rest;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return null;
      throw err;
    }
  }

  write(workspaceId: string, connection: RestConnection): void {
    writeFileAtomic(this.file(workspaceId, connection.name), Buffer.from(JSON.stringify({ v: 1, ...connection }), 'utf8'));
  }

  remove(workspaceId: string, name: string): boolean {
    const had = this.read(workspaceId, name) !== null;
    fs.rmSync(this.file(workspaceId, name), { force: true });
    return had;
  }

  private dir(workspaceId: string): string {
    return path.join(workspaceDir(this.dataDir, workspaceId), 'connectors', 'rest');
  }

  private file(workspaceId: string, name: string): string {
    return path.join(this.dir(workspaceId), `${name}.json`);
  }
}
