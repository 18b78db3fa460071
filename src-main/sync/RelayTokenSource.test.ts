import { describe, expect, it } from 'vitest';
import { writeRelayTokenBody, type RelayTokenClaims } from '../common/relayToken';
import { MemorySecretStore } from '../secrets/MemorySecretStore';
import { RELAY_TOKEN_KEY, RelayTokenSource } from './RelayTokenSource';

const WS = 'workspace-0001';

/** A token as the relay shapes it (the signature is opaque to the client). */
function token(iat: number, lifetimeS: number, role: RelayTokenClaims['role'] = 'member', ws = WS): string {
  return `${writeRelayTokenBody({ v: 1, sub: 'u1', email: 'ada@example.com', ws, role, iat, exp: iat + lifetimeS })}.c2ln`;
}

function source(clock: { now: number }, secrets = new MemorySecretStore()) {
  const fetched: string[] = [];
  const roles: string[] = [];
  const tokens = new RelayTokenSource({
    workspaceId: WS,
    secrets,
    now: () => clock.now,
    fetchToken: () => {
      const t = token(Math.floor(clock.now / 1000), 900, fetched.length === 0 ? 'member' : 'admin');
      fetched.push(t);
      return Promise.resolve({ token: t, role: 'member' });
    },
    onRole: (role) => roles.push(role),
  });
  return { tokens, fetched, roles, secrets };
}

describe('relay tokens of a workspace', () => {
  it('fetches once, reuses the token, and refreshes it once three quarters of its life have passed', async () => {
    const clock = { now: 1_700_000_000_000 };
    const { tokens, fetched, roles, secrets } = source(clock);
    const first = await tokens.get();
    expect(await Promise.all([tokens.get(), tokens.get()])).toEqual([first, first]);
    expect(fetched).toHaveLength(1);
    expect(await secrets.get(WS, RELAY_TOKEN_KEY)).toBe(first);

    clock.now += 600_000;
    expect(await tokens.get()).toBe(first);
    clock.now += 80_000;
    const second = await tokens.get();
    expect(second).not.toBe(first);
    expect(roles).toEqual(['member', 'admin']);
    tokens.stop();
  });

  it('reuses a stored token after a restart, but never one the relay refused', async () => {
    const clock = { now: 1_700_000_000_000 };
    const secrets = new MemorySecretStore();
    const before = source(clock, secrets);
    const stored = await before.tokens.get();
    before.tokens.stop();

    const after = source(clock, secrets);
    expect(await after.tokens.get()).toBe(stored);
    expect(after.fetched).toHaveLength(0);
    clock.now += 5_000;
    after.tokens.invalidate();
    expect(await after.tokens.get()).not.toBe(stored);
    expect(after.fetched).toHaveLength(1);
    after.tokens.stop();
  });

  it('ignores a stored token of another workspace or about to expire', async () => {
    const clock = { now: 1_700_000_000_000 };
    const secrets = new MemorySecretStore();
    await secrets.set(WS, RELAY_TOKEN_KEY, token(Math.floor(clock.now / 1000), 900, 'member', 'other-workspace'));
    const one = source(clock, secrets);
    await one.tokens.get();
    expect(one.fetched).toHaveLength(1);
    one.tokens.stop();

    await secrets.set(WS, RELAY_TOKEN_KEY, token(Math.floor(clock.now / 1000) - 850, 900));
    const two = source(clock, secrets);
    await two.tokens.get();
    expect(two.fetched).toHaveLength(1);
    two.tokens.stop();
  });
});
