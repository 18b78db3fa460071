import { describe, expect, it } from 'vitest';
import { BearerJsonApi } from './BearerJsonApi';
import { rfc5322 } from './rfc5322';

describe('BearerJsonApi', () => {
  it('follows a next page only on its own origin, before any token is asked', async () => {
    let asked = 0;
    const api = new BearerJsonApi({ service: 'Microsoft 365', baseUrl: 'https://graph.example/', token: async () => (asked++, 't'), onUnauthorized: async () => undefined });
    expect(api.url('/v1.0/me', { $top: 5, skip: undefined })).toBe('https://graph.example/v1.0/me?%24top=5');
    await expect(api.getNext('https://evil.example/v1.0/me/messages?$skip=10')).rejects.toThrow(/another address \(evil\.example\)/);
    expect(asked).toBe(0);
  });
});

describe('rfc5322', () => {
  it('writes a plain-text mail with an encoded subject and refuses header line breaks', () => {
    const raw = Buffer.from(rfc5322({ to: ['a@example.com', 'b@example.com'], subject: 'Été', body: 'Bonjour' }), 'base64url').toString('utf8');
    expect(raw).toContain('To: a@example.com, b@example.com\r\n');
    expect(raw).toContain(`Subject: =?UTF-8?B?${Buffer.from('Été').toString('base64')}?=`);
    expect(raw.split('\r\n\r\n')[1]).toBe(Buffer.from('Bonjour').toString('base64'));
    expect(() => rfc5322({ to: ['a@example.com\r\nBcc: x@evil.example'], subject: 's', body: 'b' })).toThrow(/line breaks/);
  });
});
