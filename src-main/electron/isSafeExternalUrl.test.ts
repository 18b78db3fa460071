import { describe, expect, it } from 'vitest';
import { MAX_EXTERNAL_URL_LENGTH, isSafeExternalUrl } from './isSafeExternalUrl';

describe('isSafeExternalUrl', () => {
  it('opens plain https links in the browser', () => {
    expect(isSafeExternalUrl('https://example.com/docs?q=1#top')).toBe(true);
  });

  it('never hands other schemes, credentials or huge URLs to the OS', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      'smb://server/share',
      'https://bank.example@evil.example/',
      'https://user:pass@example.com/',
      `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
