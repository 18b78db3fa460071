/**
 * What one OAuth 2.1 authorization server is to a connector: its endpoints,
 * the scopes asked for and the app's client id. Desktop apps are public
 * clients (RFC 8252 §8.4): PKCE protects the code. Some providers still ask
 * an installed app for the client secret they issued it (Google's desktop
 * clients: not a secret for such apps, but its token endpoint demands it):
 * `tokenEndpointAuth: 'client_secret_post'` says so, and the secret itself
 * stays in the keychain (OAuthTokenVault), never in this record, which is
 * written to connection files. `redirectHost` is the host the loopback
 * redirect URI names: `127.0.0.1` (RFC 8252 §7.3), or `localhost` for
 * providers that register only that (Microsoft's identity platform).
 * One implementation (OAuthClient) serves every provider from this record.
 */
import { z } from 'zod';
import { ValidationError } from '../../common/AppError';
import { isLoopbackHost } from '../../common/loopbackHost';
import type { RedirectHost } from './LoopbackRedirect';

export interface OAuthProvider {
  /** Short name used in messages and keychain keys, e.g. `github`. */
  id: string;
  /** The authorization server's issuer identifier (a URL). */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RFC 7009 token revocation endpoint, when the provider has one. */
  revocationEndpoint: string | null;
  scopes: string[];
  clientId: string;
  /** How the app authenticates at the token endpoint (default `none`: a public client). */
  tokenEndpointAuth?: TokenEndpointAuth | undefined;
  /** The host of the redirect URI (default `127.0.0.1`). */
  redirectHost?: RedirectHost | undefined;
}

/** `none`: client id only; `client_secret_post`: the client secret in the form body (RFC 6749 §2.3.1). */
export type TokenEndpointAuth = 'none' | 'client_secret_post';

/** A client secret as providers issue them: printable ASCII without spaces. */
export const clientSecretSchema = z.string().min(1).max(512).regex(/^[\x21-\x7e]+$/, 'a client secret is printable characters without spaces');

function endpoint(what: string) {
  return z
    .string()
    .max(2048)
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.username === '' && u.password === '' && (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname)));
      } catch {
        return false;
      }
    }, `${what} must be an https:// URL (plain http:// only for this computer) without credentials`);
}

const providerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a provider id is 1 to 40 lowercase letters, digits or dashes'),
    issuer: endpoint('issuer'),
    authorizationEndpoint: endpoint('authorizationEndpoint'),
    tokenEndpoint: endpoint('tokenEndpoint'),
    revocationEndpoint: endpoint('revocationEndpoint').nullable(),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, 'a scope is printable ASCII without spaces, quotes or backslashes')).max(50),
    clientId: z.string().min(1).max(256).regex(/^[\x20-\x7e]+$/, 'a client id is printable ASCII'),
    tokenEndpointAuth: z.enum(['none', 'client_secret_post']).optional(),
    redirectHost: z.enum(['127.0.0.1', 'localhost']).optional(),
  })
  .strict();

/** Checks a provider record; throws a ValidationError naming what is wrong. */
export function parseOAuthProvider(input: unknown): OAuthProvider {
  const parsed = providerSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(`Invalid OAuth provider: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'provider'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** True when an endpoint of `provider` is plain http (which the schema allows only on this computer: a local server). */
export function usesPlainHttp(provider: OAuthProvider): boolean {
  const urls = [provider.issuer, provider.authorizationEndpoint, provider.tokenEndpoint, provider.revocationEndpoint].filter((u): u is string => u !== null);
  return urls.some((u) => new URL(u).protocol === 'http:');
}

/** What signing in again with a stored provider needs (rotate): the same client, endpoints, scopes, client authentication and redirect host. */
export function reauthorizeInput(
  p: OAuthProvider,
): Pick<OAuthProvider, 'clientId' | 'authorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint' | 'scopes' | 'tokenEndpointAuth' | 'redirectHost'> {
  return {
    clientId: p.clientId,
    authorizationEndpoint: p.authorizationEndpoint,
    tokenEndpoint: p.tokenEndpoint,
    revocationEndpoint: p.revocationEndpoint,
    scopes: p.scopes,
    tokenEndpointAuth: p.tokenEndpointAuth,
    redirectHost: p.redirectHost,
  };
}
