import { describe, expect, it } from 'vitest';
import { readRelayTokenClaims, type RelayTokenClaims } from '../../src-main/common/relayToken';
import { signRelayToken, verifyRelayToken } from './signRelayToken';

const SECRET = 'a-relay-secret-that-is-long-enough-0000';
const NOW = 1_800_000_000;
const claims: RelayTokenClaims = { v: 1, sub: 'u1', email: 'a@example.com', ws: 'workspace-1', role: 'member', iat: NOW, exp: NOW + 900 };

describe('relay tokens', () => {
  it('round-trips claims the core can read without the secret', () => {
    const token = signRelayToken(claims, SECRET);
    expect(verifyRelayToken(token, SECRET, NOW + 10)).toEqual({ claims });
    expect(readRelayTokenClaims(token)).toEqual(claims);
  });

  it('refuses expired, forged, tampered, over-long and malformed tokens', () => {
    const token = signRelayToken(claims, SECRET);
    expect(verifyRelayToken(token, SECRET, NOW + 900)).toEqual({ problem: 'expired' });
    expect(verifyRelayToken(token, 'another-secret-that-is-long-enough-000', NOW)).toEqual({ problem: 'bad_signature' });
    const [, sig] = token.split('.');
    const tampered = `${signRelayToken({ ...claims, role: 'owner' }, SECRET).split('.')[0]}.${sig}`;
    expect(verifyRelayToken(tampered, SECRET, NOW)).toEqual({ problem: 'bad_signature' });
    expect(verifyRelayToken(signRelayToken({ ...claims, exp: NOW + 3600 }, SECRET), SECRET, NOW)).toEqual({ problem: 'too_long' });
    expect(verifyRelayToken(signRelayToken({ ...claims, iat: NOW + 600, exp: NOW + 900 }, SECRET), SECRET, NOW)).toEqual({ problem: 'not_yet_valid' });
    expect(verifyRelayToken('garbage', SECRET, NOW)).toEqual({ problem: 'malformed' });
  });
});
