import { describe, expect, it } from 'vitest';
import { parseRestSpec } from './RestSpec';

const spec = (auth: unknown): unknown => ({
  name: 'Shop',
  auth,
  health: { path: 'me' },
  operations: [{ name: 'get_order', description: 'One order.', method: 'GET', path: 'orders/{id}', kind: 'read', params: [{ name: 'id', in: 'path', type: 'string', required: true }] }],
});

describe('the oauth auth of a REST description', () => {
  it('takes https endpoints (plain http only on this computer), an optional revocation URL and scopes', () => {
    const parsed = parseRestSpec(spec({ kind: 'oauth', authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: ['orders.read', 'offline_access'] }), 'shop.json');
    expect(parsed.auth).toEqual({ kind: 'oauth', authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: ['orders.read', 'offline_access'] });
    const local = parseRestSpec(spec({ kind: 'oauth', authorizationUrl: 'http://127.0.0.1:9000/authorize', tokenUrl: 'http://localhost:9000/token', revocationUrl: 'http://[::1]:9000/revoke' }), 'local.json');
    expect(local.auth).toMatchObject({ kind: 'oauth', revocationUrl: 'http://[::1]:9000/revoke', scopes: [] });
  });

  it('refuses what would send the code or tokens in clear or to the wrong place, naming the field', () => {
    const ok = { kind: 'oauth', authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token' };
    expect(() => parseRestSpec(spec({ ...ok, tokenUrl: 'http://auth.example.com/token' }), 'shop.json')).toThrow(/auth\.tokenUrl: the address auth\.example\.com must use https:\/\//);
    expect(() => parseRestSpec(spec({ ...ok, authorizationUrl: 'https://user:pw@auth.example.com/authorize' }), 'shop.json')).toThrow(/auth\.authorizationUrl: the address cannot hold credentials/);
    expect(() => parseRestSpec(spec({ ...ok, revocationUrl: 'ftp://auth.example.com/revoke' }), 'shop.json')).toThrow(/auth\.revocationUrl: an address like https:\/\/auth\.example\.com\/oauth\/revoke/);
    expect(() => parseRestSpec(spec({ kind: 'oauth', authorizationUrl: ok.authorizationUrl }), 'shop.json')).toThrow(/auth\.tokenUrl/);
    expect(() => parseRestSpec(spec({ ...ok, scopes: ['read write'] }), 'shop.json')).toThrow(/auth\.scopes\.0: a scope/);
    // The client id and secret are the person's, given when connecting: never in a description.
    expect(() => parseRestSpec(spec({ ...ok, clientSecret: 's' }), 'shop.json')).toThrow(/Unrecognized key/);
  });
});
