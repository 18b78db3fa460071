/**
 * Signs in to an MCP server over Streamable HTTP that asks for OAuth, the
 * way the MCP specification describes: ask the server without a token, read
 * its 401's `WWW-Authenticate` (`resource_metadata`, `scope`), then let the
 * SDK's `auth()` discover the authorization server, register a client when
 * none was given, and build the authorization URL with PKCE; the page opens
 * in the system browser, the browser comes back to our one-shot loopback
 * listener (RFC 8252), the `state` is checked, and `auth()` exchanges the
 * code. The grant lands in the keychain through McpOAuthProvider.
 *
 * `waiting` is told of the listener so that a cancel can close it at once.
 */
import { randomBytes } from 'node:crypto';
import { auth, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { AppError } from '../../common/AppError';
import { startLoopbackRedirect, type LoopbackRedirect } from '../oauth/LoopbackRedirect';
import { McpOAuthProvider, runAuth, type McpOAuthProviderDeps } from './McpOAuthProvider';

export interface McpSignInOptions extends Omit<McpOAuthProviderDeps, 'interactive'> {
  serverUrl: URL;
  /** Opens the authorization page (the app's safe external-open path; the CLI prints it too). */
  openUrl: (url: string) => void | Promise<void>;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
  /** Told of the loopback listener while it waits (to cancel it), and of null when it is over. */
  waiting?: (redirect: LoopbackRedirect | null) => void;
}

/** Runs the whole sign-in; resolves once the grant is in the keychain. */
export async function signInMcpServer(options: McpSignInOptions): Promise<void> {
  const { serverUrl, openUrl, timeoutMs, waiting, ...deps } = options;
  const challenge = await probe(serverUrl, deps.server);
  const redirect = await startLoopbackRedirect(timeoutMs ?? 5 * 60_000);
  waiting?.(redirect);
  const state = randomBytes(16).toString('base64url');
  const provider = new McpOAuthProvider({ ...deps, interactive: { redirectUri: redirect.redirectUri, state, open: (url) => openUrl(url.href) } });
  const settings = {
    serverUrl,
    ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
  };
  const scope = deps.settings.scope ?? challenge.scope;
  try {
    const first = await runAuth(() => auth(provider, { ...settings, ...(scope ? { scope } : {}) }));
    if (first !== 'REDIRECT') throw new AppError('PROVIDER_REFUSED', `The authorization server of ${deps.server} did not ask for a sign-in in the browser; nothing was saved`);
    const back = await redirect.wait();
    waiting?.(null);
    const error = back.searchParams.get('error');
    if (back.searchParams.get('state') !== state) {
      throw new AppError('VALIDATION', 'The browser came back with an authorization response that does not match this sign-in; it was refused. Sign in again.');
    }
    if (error !== null) {
      const description = back.searchParams.get('error_description');
      throw new AppError('PROVIDER_REFUSED', `The sign-in to ${deps.server} was not authorized (${error}${description ? `: ${description.slice(0, 200)}` : ''}); nothing was saved`);
    }
    const code = back.searchParams.get('code');
    if (!code) throw new AppError('VALIDATION', 'The browser came back without an authorization code; sign in again.');
    await runAuth(() => auth(provider, { ...settings, authorizationCode: code }));
  } finally {
    waiting?.(null);
    redirect.close();
  }
}

/** Asks the server without a token: its 401 names the protected resource metadata (and maybe the scope). */
async function probe(serverUrl: URL, server: string): Promise<{ resourceMetadataUrl: URL | undefined; scope: string | undefined }> {
  let response: Response;
  try {
    response = await fetch(serverUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'qwanyx', version: '0.1.0' } } }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new AppError('PROVIDER_UNREACHABLE', `The MCP server ${server} (${serverUrl.host}) cannot be reached${cause ? ` (${cause})` : ''}: this device may be offline or the server is down; nothing was done`);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status !== 401) {
    // Not a challenge: the SDK falls back on the well-known addresses of the server's origin.
    return { resourceMetadataUrl: undefined, scope: undefined };
  }
  const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(response);
  return { resourceMetadataUrl, scope };
}
