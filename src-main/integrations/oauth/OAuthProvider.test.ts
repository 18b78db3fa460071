import { describe, expect, it } from 'vitest';
import { parseOAuthProvider, usesPlainHttp } from './OAuthProvider';

const good = {
  id: 'github',
  issuer: 'https://github.com',
  authorizationEndpoint: 'https://github.com/login/oauth/authorize',
  tokenEndpoint: 'https://github.com/login/oauth/access_token',
  revocationEndpoint: null,
  scopes: ['repo', 'workflow'],
  clientId: 'Iv1.abc123',
};

describe('parseOAuthProvider', () => {
  it('accepts https endpoints, and plain http only on this computer', () => {
    expect(usesPlainHttp(parseOAuthProvider(good))).toBe(false);
    const local = parseOAuthProvider({ ...good, issuer: 'http://127.0.0.1:9000', tokenEndpoint: 'http://127.0.0.1:9000/token' });
    expect(usesPlainHttp(local)).toBe(true);
  });

  it('refuses what would leak the code or tokens, saying which field', () => {
    expect(() => parseOAuthProvider({ ...good, tokenEndpoint: 'http://auth.example.com/token' })).toThrow(/tokenEndpoint: tokenEndpoint must be an https:\/\/ URL/);
    expect(() => parseOAuthProvider({ ...good, authorizationEndpoint: 'https://user:pw@github.com/authorize' })).toThrow(/authorizationEndpoint/);
    expect(() => parseOAuthProvider({ ...good, scopes: ['repo workflow'] })).toThrow(/scopes\.0/);
    expect(() => parseOAuthProvider({ ...good, clientId: '' })).toThrow(/clientId/);
    expect(() => parseOAuthProvider({ ...good, clientSecret: 's' })).toThrow(/Unrecognized key/);
  });
});
