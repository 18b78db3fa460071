/**
 * Accounts on relays: sign in with an email and a one-time code, which the
 * relay trades for a device token. The account (relay address, email, user
 * id) is recorded in app.db; the device token only in the keychain, under
 * `relay.<first 16 hex of sha256(relay address)>`. One account per relay:
 * signing in again replaces it. Signing out revokes the device token on the
 * relay first (its sockets close there at once), then forgets it here; the
 * devices of an account can be listed and revoked from any of them.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { KeychainUnavailableError, NotSignedInError, RelayRefusedError, RelayUnreachableError } from '../common/AppError';
import type { RelayAccount, RelayDevice } from '../common/contract';
import type { SecretStore } from '../secrets/SecretStore';
import type { RelayRegistry } from '../storage/RelayRegistry';
import { RelayApi } from '../sync/RelayApi';

/** Keychain key of a device token, in the relay's namespace. */
const DEVICE_TOKEN_KEY = 'device-token';

export interface RelayAccountServiceDeps {
  relays: RelayRegistry;
  secrets: SecretStore;
  now: () => number;
  /** Called with every account after a sign-in or sign-out. */
  onChanged: (accounts: RelayAccount[]) => void;
  /** Milliseconds before a relay request gives up. */
  requestTimeoutMs?: number;
}

/** The keychain namespace of the account on relay `relayUrl` (canonical form). */
export function relayAccountNamespace(relayUrl: string): string {
  return `relay.${createHash('sha256').update(relayUrl).digest('hex').slice(0, 16)}`;
}

export class RelayAccountService {
  constructor(private readonly deps: RelayAccountServiceDeps) {}

  /** A client of the relay at `relayUrl`. */
  api(relayUrl: string): RelayApi {
    return new RelayApi(relayUrl, this.deps.requestTimeoutMs !== undefined ? { timeoutMs: this.deps.requestTimeoutMs } : {});
  }

  /** Asks the relay to send a one-time code to `email`. */
  async requestCode(relayUrl: string, email: string): Promise<void> {
    await this.api(relayUrl).requestCode(email);
  }

  /** Trades a one-time code for a device token; stores it and records the account. */
  async signIn(relayUrl: string, email: string, code: string): Promise<RelayAccount> {
    // Check first: a device token we could not store would be lost, and the code with it.
    const keychain = await this.deps.secrets.status();
    if (!keychain.available) {
      throw new KeychainUnavailableError(`No OS keychain to keep the relay's device token in: ${keychain.reason ?? 'unknown reason'}`);
    }
    const session = await this.api(relayUrl).verify(email, code, `Qwanyx on ${os.hostname()}`.slice(0, 100));
    await this.deps.secrets.set(relayAccountNamespace(relayUrl), DEVICE_TOKEN_KEY, session.deviceToken);
    const account: RelayAccount = { url: relayUrl, email: session.email.toLowerCase(), userId: session.userId, signedInAt: this.deps.now() };
    this.deps.relays.putAccount(account);
    this.deps.onChanged(this.accounts());
    return account;
  }

  /**
   * Revokes this device's token on the relay, then forgets the account and the token here. Linked workspaces stop
   * syncing until someone signs in again. `revokedOnRelay` is false when the relay could not be reached: the token is
   * forgotten here all the same, and expires on the relay unless revoked from another device.
   */
  async signOut(relayUrl: string): Promise<{ revokedOnRelay: boolean }> {
    if (!this.deps.relays.getAccount(relayUrl)) throw new NotSignedInError(`You are not signed in to ${relayUrl}`);
    const token = await this.deps.secrets.get(relayAccountNamespace(relayUrl), DEVICE_TOKEN_KEY);
    let revokedOnRelay = token === null;
    if (token !== null) {
      try {
        await this.api(relayUrl).signOut(token);
        revokedOnRelay = true;
      } catch (err) {
        // 401: the relay had already revoked or expired it. Unreachable: say so, and forget it here anyway.
        if (err instanceof RelayRefusedError && err.status === 401) revokedOnRelay = true;
        else if (!(err instanceof RelayUnreachableError)) throw err;
      }
    }
    this.forget(relayUrl);
    await this.deps.secrets.deleteNamespace(relayAccountNamespace(relayUrl));
    return { revokedOnRelay };
  }

  /** The devices of the account on `relayUrl` (or of every account), as the relays list them. */
  async devices(relayUrl?: string): Promise<RelayDevice[]> {
    const urls = relayUrl === undefined ? this.accounts().map((a) => a.url) : [this.account(relayUrl).url];
    const lists = await Promise.all(
      urls.map(async (url) => (await this.api(url).devices(await this.deviceToken(url))).map((device) => ({ relayUrl: url, ...device }))),
    );
    return lists.flat();
  }

  /** Revokes one device of the account on `relayUrl`; revoking this device signs it out here too. */
  async revokeDevice(relayUrl: string, deviceId: string): Promise<{ signedOut: boolean }> {
    const token = await this.deviceToken(relayUrl);
    const api = this.api(relayUrl);
    const current = (await api.devices(token)).find((device) => device.current)?.id === deviceId;
    await api.revokeDevice(token, deviceId);
    if (current) {
      this.forget(relayUrl);
      await this.deps.secrets.deleteNamespace(relayAccountNamespace(relayUrl));
    }
    return { signedOut: current };
  }

  private forget(relayUrl: string): void {
    this.deps.relays.deleteAccount(relayUrl);
    this.deps.onChanged(this.accounts());
  }

  accounts(): RelayAccount[] {
    return this.deps.relays.listAccounts();
  }

  /** The account on `relayUrl`; throws NotSignedInError when there is none. */
  account(relayUrl: string): RelayAccount {
    const account = this.deps.relays.getAccount(relayUrl);
    if (!account) throw new NotSignedInError(`Sign in to ${relayUrl} first`);
    return account;
  }

  /** The device token of the account on `relayUrl`; throws NotSignedInError when there is none. */
  async deviceToken(relayUrl: string): Promise<string> {
    this.account(relayUrl);
    const token = await this.deps.secrets.get(relayAccountNamespace(relayUrl), DEVICE_TOKEN_KEY);
    if (!token) throw new NotSignedInError(`This device has no key for ${relayUrl} anymore: sign in to it again`);
    return token;
  }
}
