/**
 * The description of a workspace's GitHub connection on this device, without
 * any credential: `<workspace folder>/connectors/github.json`, written
 * atomically, gone with the workspace's folder. Device-local like the
 * keychain entries it goes with (a teammate's device has its own).
 *
 * Format (JSON, version 1):
 *   {"v":1,"apiUrl":"https://api.github.com","auth":"token"|"oauth","oauth":OAuthProvider|null,
 *    "account":"octocat","scopes":"repo, workflow"|null,"connectedAt":ms,"reconnect":null|"why"}
 * `reconnect` is set when GitHub refused the token (401): calls fail fast until it is replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../storage/files/writeFileAtomic';
import { workspaceDir } from '../../storage/workspacePaths';
import { parseOAuthProvider, type OAuthProvider } from '../oauth/OAuthProvider';

export interface GithubConnection {
  apiUrl: string;
  auth: 'token' | 'oauth';
  oauth: OAuthProvider | null;
  account: string;
  scopes: string | null;
  connectedAt: number;
  reconnect: string | null;
}

const fileSchema = z.object({
  v: z.literal(1),
  apiUrl: z.string().url(),
  auth: z.enum(['token', 'oauth']),
  oauth: z.unknown().transform((o) => (o === null || o === undefined ? null : parseOAuthProvider(o))),
  account: z.string(),
  scopes: z.string().nullable(),
  connectedAt: z.number(),
  reconnect: z.string().nullable(),
});

export class GithubConnectionFile {
  private readonly cache = new Map<string, GithubConnection | null>();

  constructor(private readonly dataDir: string) {}

  /** The connection of `workspaceId`, or null when there is none (or its file cannot be read: connect again). */
  read(workspaceId: string): GithubConnection | null {
    const cached = this.cache.get(workspaceId);
    if (cached !== undefined) return cached;
    let value: GithubConnection | null = null;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(this.file(workspaceId), 'utf8')));
      if (parsed.success) {
        const { v: _v, ...rest } = parsed.data;
        value = rest;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
    }
    this.cache.set(workspaceId, value);
    return value;
  }

  write(workspaceId: string, connection: GithubConnection): void {
    writeFileAtomic(this.file(workspaceId), Buffer.from(JSON.stringify({ v: 1, ...connection }), 'utf8'));
    this.cache.set(workspaceId, connection);
  }

  /** Removes it; true when there was one. */
  remove(workspaceId: string): boolean {
    const had = this.read(workspaceId) !== null;
    fs.rmSync(this.file(workspaceId), { force: true });
    this.cache.set(workspaceId, null);
    return had;
  }

  /** Forgets what it read of `workspaceId` (its folder was deleted or replaced). */
  forget(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }

  private file(workspaceId: string): string {
    return path.join(workspaceDir(this.dataDir, workspaceId), 'connectors', 'github.json');
  }
}
