/**
 * WebSocket tokens of one linked workspace: fetched from the relay with the
 * device token (`POST /v1/workspaces/:id/token`), kept in the keychain under
 * the workspace's namespace (so deleting the workspace deletes it), and
 * refreshed before they expire, so a reconnect never waits on a round trip.
 *
 * Claims are read (not verified: only the relay can) to know the role and the
 * lifetime; the refresh is timed on this machine's clock from the token's
 * own lifetime (`exp - iat`), so a skewed clock does not matter.
 */
import { RelayProtocolError } from '../common/AppError';
import type { RelayRoleName } from '../common/contract';
import { readRelayTokenClaims } from '../common/relayToken';
import type { SecretStore } from '../secrets/SecretStore';
import type { RelayTokenProvider } from './RelayDocConnection';

/** Keychain key of a workspace's current relay token (namespace: the workspace id). */
export const RELAY_TOKEN_KEY = 'relay-token';

/** Refresh once this share of a token's lifetime has passed. */
const REFRESH_AT = 0.75;

/** Where a token source gets and keeps tokens. */
export interface RelayTokenSourceOptions {
  workspaceId: string;
  secrets: SecretStore;
  /** Asks the relay for a fresh token (the device token is looked up by the caller). */
  fetchToken(): Promise<{ token: string; role: RelayRoleName }>;
  now(): number;
  /** Told the role each new token grants. */
  onRole?(role: RelayRoleName): void;
  /** Reports a failed background refresh (the next `get` tries again). */
  onError?(err: unknown): void;
}

interface CachedToken {
  token: string;
  /** Local time after which a new token is fetched. */
  refreshAt: number;
}

/** The WebSocket tokens of one workspace: cached, stored in the keychain, refreshed ahead of expiry. */
export class RelayTokenSource implements RelayTokenProvider {
  private cached: CachedToken | null = null;
  private inFlight: Promise<string> | null = null;
  /** Set when the relay refused a token: never reuse the stored one. */
  private storedIsStale = false;
  private refreshTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: RelayTokenSourceOptions) {}

  async get(): Promise<string> {
    const now = this.options.now();
    if (this.cached && now < this.cached.refreshAt) return this.cached.token;
    if (!this.cached && !this.storedIsStale) {
      const stored = await this.loadStored(now);
      if (stored) return stored;
    }
    return this.fetch();
  }

  invalidate(): void {
    this.cached = null;
    this.storedIsStale = true;
  }

  /** Stops the background refresh. */
  stop(): void {
    this.stopped = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private async loadStored(now: number): Promise<string | null> {
    const token = await this.options.secrets.get(this.options.workspaceId, RELAY_TOKEN_KEY);
    const claims = token ? readRelayTokenClaims(token) : null;
    // A stored token is trusted only while it has a good margin left by our clock.
    if (!token || !claims || claims.ws !== this.options.workspaceId || claims.exp * 1000 - now < 120_000) return null;
    const lifetime = Math.max(0, (claims.exp - claims.iat) * 1000);
    this.remember(token, Math.min(claims.exp * 1000 - 60_000, now + lifetime * (1 - REFRESH_AT)), claims.role);
    return token;
  }

  private fetch(): Promise<string> {
    if (this.inFlight) return this.inFlight;
    const run = async (): Promise<string> => {
      const receivedAt = this.options.now();
      const { token } = await this.options.fetchToken();
      const claims = readRelayTokenClaims(token);
      if (!claims || claims.ws !== this.options.workspaceId) {
        throw new RelayProtocolError('The relay sent a token that is not for this workspace');
      }
      const lifetime = Math.max(10_000, (claims.exp - claims.iat) * 1000);
      // Stopped meanwhile (the workspace is closing, maybe being deleted): keep nothing of it.
      if (this.stopped) return token;
      await this.options.secrets.set(this.options.workspaceId, RELAY_TOKEN_KEY, token);
      this.storedIsStale = false;
      this.remember(token, receivedAt + lifetime * REFRESH_AT, claims.role);
      return token;
    };
    this.inFlight = run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private remember(token: string, refreshAt: number, role: RelayRoleName): void {
    this.cached = { token, refreshAt };
    this.options.onRole?.(role);
    this.scheduleRefresh(refreshAt);
  }

  private scheduleRefresh(refreshAt: number): void {
    if (this.stopped) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        this.refreshTimer = null;
        if (this.stopped) return;
        this.fetch().catch((err: unknown) => this.options.onError?.(err));
      },
      Math.max(1_000, refreshAt - this.options.now()),
    );
    this.refreshTimer.unref();
  }
}
