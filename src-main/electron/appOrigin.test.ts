import { describe, expect, it } from 'vitest';
import { ValidationError } from '../common/AppError';
import { APP_ENTRY_URL, isAppUrl, parseDevServerOrigin } from './appOrigin';

describe('isAppUrl', () => {
  it('trusts the pages of the app protocol', () => {
    expect(isAppUrl(APP_ENTRY_URL, null)).toBe(true);
    expect(isAppUrl('qwanyx://app/assets/index-abc.js', null)).toBe(true);
  });

  it('refuses other hosts, ports, credentials and schemes', () => {
    for (const url of [
      'qwanyx://evil/index.html',
      'qwanyx://app:8080/index.html',
      'qwanyx://user@app/index.html',
      'https://app/index.html',
      'file:///etc/passwd',
      'http://localhost:5173/',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url, null), url).toBe(false);
    }
  });

  it('trusts the dev server only when one is configured, and only its exact origin', () => {
    const origin = parseDevServerOrigin('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/src/main.tsx', origin)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', origin)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', origin)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', null)).toBe(false);
  });
});

describe('parseDevServerOrigin', () => {
  it('has no dev server in production', () => {
    expect(parseDevServerOrigin(undefined)).toBeNull();
    expect(parseDevServerOrigin('')).toBeNull();
  });

  it('accepts http(s) on a loopback address', () => {
    expect(parseDevServerOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(parseDevServerOrigin('https://127.0.0.1:4000/')).toBe('https://127.0.0.1:4000');
    expect(parseDevServerOrigin('http://[::1]:5173')).toBe('http://[::1]:5173');
  });

  it('refuses any other address with a clear error, so a bad env var cannot widen trust', () => {
    expect(() => parseDevServerOrigin('http://evil.example:5173')).toThrow(ValidationError);
    expect(() => parseDevServerOrigin('file:///tmp/index.html')).toThrow(/localhost/);
    expect(() => parseDevServerOrigin('localhost:5173x')).toThrow(ValidationError);
  });
});
