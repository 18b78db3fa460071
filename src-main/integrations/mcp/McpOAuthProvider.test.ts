import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/MemorySecretStore';
import { OAuthTokenVault } from '../oauth/OAuthTokenVault';
import { McpOAuthProvider, type McpOAuthProviderDeps } from './McpOAuthProvider';

const NOW = 1_800_000_000_000;

function provider(secrets: MemorySecretStore, extra: Partial<McpOAuthProviderDeps> = {}): McpOAuthProvider {
  return new McpOAuthProvider({ secrets, vault: new OAuthTokenVault(secrets), workspaceId: 'ws1', server: 'notes', settings: { clientId: null, scope: null }, now: () => NOW, ...extra });
}

describe('McpOAuthProvider', () => {
  it('keeps the tokens in the vault with their issuer, and gives them back with the time left', async () => {
    const secrets = new MemorySecretStore();
    const p = provider(secrets);
    await p.saveTokens({ access_token: 'at_1', token_type: 'Bearer', refresh_token: 'rt_1', expires_in: 600, scope: 'read', issuer: 'https://as.example.com' });
    expect(JSON.parse((await secrets.get('ws1', 'connector:mcp-notes:oauth'))!)).toMatchObject({ state: 'connected', accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: NOW + 600_000, issuer: 'https://as.example.com' });
    expect(await p.tokens()).toEqual({ access_token: 'at_1', token_type: 'Bearer', refresh_token: 'rt_1', expires_in: 600, scope: 'read', issuer: 'https://as.example.com' });
    // Another workspace's provider of the same server sees nothing.
    expect(await provider(secrets, { workspaceId: 'ws2' }).tokens()).toBeUndefined();
  });

  it('never opens a browser for a connection: it says to sign in again, or that the renewal failed', async () => {
    const secrets = new MemorySecretStore();
    const p = provider(secrets);
    await expect(p.redirectToAuthorization(new URL('https://as.example.com/authorize'))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('qwanyx mcp signin --workspace ws1 --name notes') });
    await expect(p.clientInformation()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await p.saveTokens({ access_token: 'at_1', token_type: 'Bearer', refresh_token: 'rt_1', expires_in: 600 });
    await expect(p.redirectToAuthorization(new URL('https://as.example.com/authorize'))).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE' });
  });

  it('turns a refused grant into a reconnect record without tokens, which freshen reports with its reason', async () => {
    const secrets = new MemorySecretStore();
    const p = provider(secrets);
    await p.saveTokens({ access_token: 'at_1', token_type: 'Bearer', refresh_token: 'rt_1', expires_in: 600 });
    await expect(p.freshen(new URL('https://mcp.example.com/mcp'))).resolves.toBeUndefined();
    await p.invalidateCredentials('tokens');
    const raw = (await secrets.get('ws1', 'connector:mcp-notes:oauth'))!;
    expect(raw).not.toContain('at_1');
    expect(raw).not.toContain('rt_1');
    expect(await p.tokens()).toBeUndefined();
    await expect(p.freshen(new URL('https://mcp.example.com/mcp'))).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('no longer accepts') });
  });

  it('asks the person again in a sign-in, with its own redirect URI, and registers again for another loopback port', async () => {
    const secrets = new MemorySecretStore();
    const opened: string[] = [];
    const signIn = (port: number) => provider(secrets, { interactive: { redirectUri: `http://127.0.0.1:${port}/oauth/callback`, state: 's1', open: (u) => void opened.push(u.href) } });
    const first = signIn(5001);
    await first.saveTokens({ access_token: 'at_1', token_type: 'Bearer', expires_in: 600 });
    expect(await first.tokens()).toBeUndefined();
    expect(first.clientMetadata).toMatchObject({ redirect_uris: ['http://127.0.0.1:5001/oauth/callback'], token_endpoint_auth_method: 'none' });
    expect(await first.clientInformation()).toBeUndefined();
    await first.saveClientInformation({ client_id: 'dyn-1', redirect_uris: ['http://127.0.0.1:5001/oauth/callback'], issuer: 'https://as.example.com' });
    expect(await first.clientInformation()).toMatchObject({ client_id: 'dyn-1' });
    expect(await signIn(5002).clientInformation()).toBeUndefined();
    await first.redirectToAuthorization(new URL('https://as.example.com/authorize?x=1'));
    expect(opened).toEqual(['https://as.example.com/authorize?x=1']);
    // A client id given is used as it is.
    expect(await provider(secrets, { settings: { clientId: 'given', scope: null } }).clientInformation()).toEqual({ client_id: 'given' });
  });
});
