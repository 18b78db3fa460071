// `qwanyx mcp … --oauth` with the real OS keychain (run's test-only prefix) against a real MCP server
// over Streamable HTTP that requires bearer tokens from a real local authorization server: discovery from
// the 401, dynamic registration, PKCE in the "browser" (the test follows the printed address, as a
// browser would), tokens in the keychain only, renewed before they expire, a revoked grant turned into
// "needs sign-in" with a clear error, `mcp signin` to come back, and workspace B never using A's grant.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { McpServerView, Workspace } from '../../src-main/common/contract';
import { startFakeMcpOAuthHttp } from '../fixtures/fakeMcpOAuthServer';
import { startFakeOAuthServer } from '../fixtures/fakeOAuthServer';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { makeTempDir } from '../fixtures/tempDir';
import { useRealKeychain } from '../fixtures/realKeychain';

const keychain = useRealKeychain();
const store = keychain.store;

/** Runs the CLI; the "person" opens the printed sign-in address and their browser follows the redirects. */
const cliBrowsing = (dir: string, argv: string[]) => runCliInProcess(dir, argv, { secretStore: store, browse: true });

/** Every byte of every file under `dir` (SQLite databases, their WAL, synced docs, JSON files). */
function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe('qwanyx mcp with OAuth', () => {
  it('signs in through discovery and registration, calls tools with the bearer token, renews it, and asks to sign in again once revoked', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const as = await startFakeOAuthServer({ registration: true, clientId: 'unused-static-id' });
    const mcp = await startFakeMcpOAuthHttp(as);
    const cli = (argv: string[]) => runCliInProcess(dir, argv, { secretStore: store });
    const ws = (JSON.parse((await cli(['workspace', 'create', 'OAuth MCP', '--json'])).out[0]!) as Workspace).id;
    const wsB = (JSON.parse((await cli(['workspace', 'create', 'Other client', '--json'])).out[0]!) as Workspace).id;
    try {
      const added = await cliBrowsing(dir, ['mcp', 'add', '--workspace', ws, '--name', 'notes', '--url', mcp.url, '--oauth', '--scope', 'notes:read notes:write']);
      expect(added.code, added.err.join('\n')).toBe(0);
      expect(added.out.join()).toContain('Added notes and signed in');
      // Discovery: the 401 named the metadata, which named this authorization server; the app registered itself.
      expect(added.browsed).toHaveLength(1);
      const authorize = new URL(added.browsed[0]!.url);
      expect(authorize.origin).toBe(as.baseUrl);
      expect(as.registeredClients()).toHaveLength(1);
      expect(authorize.searchParams.get('client_id')).toBe(as.registeredClients()[0]);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('resource')).toBe(mcp.url);
      expect(authorize.searchParams.get('scope')).toBe('notes:read notes:write');
      expect(new URL(authorize.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1');
      const grant = JSON.parse((await store.get(ws, 'connector:mcp-notes:oauth'))!) as { state: string; accessToken: string; refreshToken: string };
      expect(grant.state).toBe('connected');
      expect(as.validAccessToken(grant.accessToken, mcp.url)).toBe(true);
      expect(await store.get(ws, 'mcp.notes.oauth.client')).toContain(as.registeredClients()[0]);

      const listed = await cli(['mcp', 'list', '--workspace', ws]);
      expect(listed.out.join('\n')).toContain('OAuth: signed in');
      const tools = await cli(['mcp', 'tools', '--workspace', ws, '--name', 'notes']);
      expect(tools.code, tools.err.join()).toBe(0);
      expect(tools.out.join('\n')).toContain('mcp_notes_echo');
      const echoed = await cli(['mcp', 'call', '--workspace', ws, '--name', 'notes', '--tool', 'echo', '--args', '{"text":"with a bearer token"}']);
      expect(echoed.out, echoed.err.join()).toEqual(['with a bearer token']);
      const refusedBefore = mcp.refused;

      // Renewed before it expires: a token with 30 s left (under the 60 s margin) is refreshed before the call, not after a 401.
      as.setExpiresIn(30);
      const refreshes = () => as.requests.filter((r) => r.path === '/token' && r.params.grant_type === 'refresh_token');
      const shortLived = await cliBrowsing(dir, ['mcp', 'signin', '--workspace', ws, '--name', 'notes']);
      expect(shortLived.code, shortLived.err.join()).toBe(0);
      const before = refreshes().length;
      const renewed = await cli(['mcp', 'call', '--workspace', ws, '--name', 'notes', '--tool', 'echo', '--args', '{"text":"renewed"}']);
      expect(renewed.out, renewed.err.join()).toEqual(['renewed']);
      expect(refreshes().length).toBe(before + 1);
      expect(refreshes().at(-1)!.params.resource).toBe(mcp.url);
      expect(mcp.refused).toBe(refusedBefore + 1); // the sign-in's own probe, nothing else
      const renewedGrant = JSON.parse((await store.get(ws, 'connector:mcp-notes:oauth'))!) as { accessToken: string };
      expect(as.validAccessToken(renewedGrant.accessToken, mcp.url)).toBe(true);

      // Workspace B has its own keychain namespace: the same server there is not signed in, and A's grant stays A's.
      as.denyNext();
      const addedB = await cliBrowsing(dir, ['mcp', 'add', '--workspace', wsB, '--name', 'notes', '--url', mcp.url, '--oauth']);
      expect(addedB.code).toBe(1);
      expect(addedB.err.join()).toMatch(/Added notes, but the sign-in did not finish: .*access_denied.*qwanyx mcp signin/);
      const callB = await cli(['mcp', 'call', '--workspace', wsB, '--name', 'notes', '--tool', 'echo', '--args', '{"text":"borrowed"}']);
      expect(callB.code).toBe(1);
      expect(callB.err.join()).toContain('needs you to sign in again');
      expect(await store.get(wsB, 'connector:mcp-notes:oauth')).toBeNull();
      expect((JSON.parse((await cli(['mcp', 'list', '--workspace', wsB, '--json'])).out[0]!) as McpServerView[])[0]!.oauth).toMatchObject({ state: 'needs-sign-in' });

      // Revoked at the authorization server: the refresh is refused, the grant becomes "needs sign-in" with a clear error.
      const tokensSeen = [...mcp.seenTokens, ...as.liveRefreshTokens(), ...as.requests.flatMap((r) => [r.params.refresh_token ?? '', r.params.code ?? ''])].filter((t) => t !== '');
      as.revokeAll();
      as.setExpiresIn(3600);
      const dead = await cli(['mcp', 'call', '--workspace', ws, '--name', 'notes', '--tool', 'echo', '--args', '{"text":"after revocation"}']);
      expect(dead.code).toBe(1);
      expect(dead.err.join()).toMatch(/The MCP server notes needs you to sign in again \(.*(revoked|no longer accepts).*\)\..*qwanyx mcp signin --workspace/);
      const afterRevoke = JSON.parse((await store.get(ws, 'connector:mcp-notes:oauth'))!) as Record<string, unknown>;
      expect(afterRevoke.state).toBe('reconnect');
      expect(afterRevoke.accessToken).toBeUndefined();
      const needs = await cli(['mcp', 'list', '--workspace', ws]);
      expect(needs.out.join('\n')).toMatch(new RegExp(`OAuth: needs sign-in \\(.*\\): qwanyx mcp signin --workspace ${ws} --name notes`));

      const again = await cliBrowsing(dir, ['mcp', 'signin', '--workspace', ws, '--name', 'notes']);
      expect(again.code, again.err.join()).toBe(0);
      expect(again.out).toEqual(['Signed in to notes.']);
      const back = await cli(['mcp', 'call', '--workspace', ws, '--name', 'notes', '--tool', 'echo', '--args', '{"text":"back"}']);
      expect(back.out, back.err.join()).toEqual(['back']);

      // No token, refresh token or code anywhere in the data folder: SQLite files, synced docs, the servers file.
      const bytes = allBytes(dir);
      const now = JSON.parse((await store.get(ws, 'connector:mcp-notes:oauth'))!) as { accessToken: string; refreshToken: string };
      for (const t of [...tokensSeen, now.accessToken, now.refreshToken]) expect(bytes.includes(Buffer.from(t)), `token ${t.slice(0, 8)}… on disk`).toBe(false);
      expect(fs.readdirSync(path.join(dir, 'workspaces', ws), { recursive: true }).some((f) => String(f).endsWith('.db') || String(f).endsWith('.sqlite'))).toBe(true);

      const removed = await cli(['mcp', 'remove', '--workspace', ws, '--name', 'notes']);
      expect(removed.code, removed.err.join()).toBe(0);
      expect((await store.keys(ws)).filter((k) => k.includes('notes'))).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
      await store.deleteNamespace(wsB);
    }
  }, 90_000);

  it('validates every argument', async (ctx) => {
    keychain.skipWithout(ctx);
    const dir = makeTempDir();
    const cli = (argv: string[]) => runCliInProcess(dir, argv, { secretStore: store });
    const ws = (JSON.parse((await cli(['workspace', 'create', 'Checks', '--json'])).out[0]!) as Workspace).id;
    try {
      const add = ['mcp', 'add', '--workspace', ws, '--name', 'x'];
      const cases: [string[], number, RegExp][] = [
        [[...add, '--command', 'true', '--oauth'], 2, /--oauth goes with --url/],
        [[...add, '--url', 'https://mcp.example.com/mcp', '--client-id', 'abc'], 2, /--client-id and --scope go with --oauth/],
        [[...add, '--url', 'https://mcp.example.com/mcp', '--scope', 'a'], 2, /--client-id and --scope go with --oauth/],
        [[...add, '--url', 'https://mcp.example.com/mcp', '--oauth', '--client-id', 'has space'], 2, /--client-id: A client id is printable characters without spaces/],
        [[...add, '--url', 'https://mcp.example.com/mcp', '--oauth', '--scope', 'a  "b"'], 2, /--scope: The scope is names separated by single spaces/],
        [[...add, '--url', 'https://mcp.example.com/mcp', '--oauth', '--header', 'Authorization=Bearer x'], 2, /leave out --header Authorization/],
        [[...add, '--url', 'http://mcp.example.com/mcp', '--oauth'], 1, /http/],
        [['mcp', 'signin', '--workspace', ws], 2, /mcp signin needs --name/],
        [['mcp', 'signin', '--workspace', ws, '--name', 'nothere'], 1, /no MCP server named nothere/],
      ];
      for (const [argv, code, message] of cases) {
        const run = await cli(argv);
        expect(run.code, argv.join(' ')).toBe(code);
        expect(run.err.join(), argv.join(' ')).toMatch(message);
      }
      expect(await cli(['mcp', 'add', '--workspace', ws, '--name', 'plain', '--url', 'https://mcp.example.com/mcp'])).toMatchObject({ code: 0 });
      const notOAuth = await cli(['mcp', 'signin', '--workspace', ws, '--name', 'plain']);
      expect(notOAuth.code).toBe(1);
      expect(notOAuth.err.join()).toContain('was not added with OAuth');
      expect((await store.keys(ws)).filter((k) => k.startsWith('mcp.') || k.startsWith('connector:'))).toEqual([]);
    } finally {
      await store.deleteNamespace(ws);
    }
  }, 60_000);
});
