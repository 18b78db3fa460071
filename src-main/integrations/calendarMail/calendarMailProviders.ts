/**
 * The two calendar-and-mail providers: their API base URLs, their OAuth
 * endpoints and scopes (for OAuthClient: authorization code + PKCE with a
 * loopback redirect), whether they can revoke a grant, and the service each
 * API is called through. The client id is the person's (the OAuth app
 * registered for Qwanyx), as for GitHub; every address can be replaced (a
 * tenant's own Microsoft authority, the local fakes in tests). Google's
 * desktop clients also need their client secret at the token endpoint (given
 * once, kept in the keychain); Microsoft registers `http://localhost` redirect
 * URIs, so its redirect URI names `localhost` (the listener stays on the
 * loopback interface).
 */
import type { RedirectHost } from '../oauth/LoopbackRedirect';
import { parseOAuthProvider, type OAuthProvider, type TokenEndpointAuth } from '../oauth/OAuthProvider';
import { BearerJsonApi } from './BearerJsonApi';
import type { CalendarMailService } from './CalendarMailService';
import { GoogleCalendarMail } from './GoogleCalendarMail';
import { GraphCalendarMail } from './GraphCalendarMail';

export const CALENDAR_MAIL_KINDS = ['google', 'microsoft'] as const;
export type CalendarMailKind = (typeof CALENDAR_MAIL_KINDS)[number];

export interface CalendarMailProviderInfo {
  name: string;
  apiUrl: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RFC 7009 endpoint; null when the provider has none (Microsoft: only the keychain entry goes on remove). */
  revocationEndpoint: string | null;
  scopes: string[];
  /** The host its registered redirect URIs name. */
  redirectHost: RedirectHost;
}

export const CALENDAR_MAIL_PROVIDERS: Record<CalendarMailKind, CalendarMailProviderInfo> = {
  google: {
    name: 'Google',
    apiUrl: 'https://www.googleapis.com',
    issuer: 'https://accounts.google.com',
    authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
    scopes: [
      'https://www.googleapis.com/auth/calendar.events',
      'https://www.googleapis.com/auth/calendar.freebusy',
      'https://www.googleapis.com/auth/gmail.readonly',
      'https://www.googleapis.com/auth/gmail.compose',
    ],
    redirectHost: '127.0.0.1',
  },
  microsoft: {
    name: 'Microsoft 365',
    apiUrl: 'https://graph.microsoft.com',
    issuer: 'https://login.microsoftonline.com/common/v2.0',
    authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    revocationEndpoint: null,
    scopes: ['offline_access', 'User.Read', 'Calendars.ReadWrite', 'Mail.ReadWrite', 'Mail.Send'],
    redirectHost: 'localhost',
  },
};

export interface CalendarMailOAuthInput {
  clientId: string;
  authorizationEndpoint?: string | undefined;
  tokenEndpoint?: string | undefined;
  /** Replaces Google's; given for Microsoft, it is used (a server that has one). */
  revocationEndpoint?: string | null | undefined;
  scopes?: string[] | undefined;
  /** The client secret issued with the client id (Google's desktop clients need it): kept in the keychain. */
  clientSecret?: string | undefined;
  /** Kept from an earlier connection on rotate: it had a client secret, now in the keychain. */
  tokenEndpointAuth?: TokenEndpointAuth | undefined;
  /** Default: the provider's (`localhost` for Microsoft, `127.0.0.1` for Google). */
  redirectHost?: RedirectHost | undefined;
}

/** The OAuth provider record of `kind` with the person's client id (and any replaced endpoint). */
export function calendarMailOAuthProvider(kind: CalendarMailKind, input: CalendarMailOAuthInput): OAuthProvider {
  const p = CALENDAR_MAIL_PROVIDERS[kind];
  const authorizationEndpoint = input.authorizationEndpoint ?? p.authorizationEndpoint;
  return parseOAuthProvider({
    id: kind,
    issuer: input.authorizationEndpoint !== undefined ? new URL(authorizationEndpoint).origin : p.issuer,
    authorizationEndpoint,
    tokenEndpoint: input.tokenEndpoint ?? p.tokenEndpoint,
    revocationEndpoint: input.revocationEndpoint !== undefined ? input.revocationEndpoint : p.revocationEndpoint,
    scopes: input.scopes ?? p.scopes,
    clientId: input.clientId,
    tokenEndpointAuth: input.clientSecret !== undefined ? 'client_secret_post' : (input.tokenEndpointAuth ?? 'none'),
    redirectHost: input.redirectHost ?? p.redirectHost,
  });
}

export interface CalendarMailApiDeps {
  apiUrl: string;
  token: () => Promise<string>;
  onUnauthorized: (reason: string) => Promise<void>;
  maxRetryWaitMs?: number;
}

/** The service of `kind` at `apiUrl`. */
export function calendarMailService(kind: CalendarMailKind, deps: CalendarMailApiDeps): CalendarMailService {
  const api = new BearerJsonApi({
    service: CALENDAR_MAIL_PROVIDERS[kind].name,
    baseUrl: deps.apiUrl,
    token: deps.token,
    onUnauthorized: deps.onUnauthorized,
    ...(deps.maxRetryWaitMs !== undefined ? { maxRetryWaitMs: deps.maxRetryWaitMs } : {}),
    ...(kind === 'microsoft' ? { headers: { prefer: 'outlook.timezone="UTC"' } } : {}),
  });
  return kind === 'google' ? new GoogleCalendarMail(api) : new GraphCalendarMail(api);
}
