import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/i18n/i18n';
import { lastUsedText, timeAgo } from './lastUsedText';

const NOW = Date.parse('2026-12-06T10:00:00.000Z');
const en = createTranslator('en');

describe('lastUsedText', () => {
  it('says how long ago, in the locale’s words', () => {
    expect(lastUsedText({ lastUsedAt: '2026-12-06T09:57:00.000Z' }, NOW, 'en', en)).toBe('Last used 3 minutes ago');
    expect(lastUsedText({ lastUsedAt: '2026-12-06T07:00:00.000Z' }, NOW, 'fr', createTranslator('fr'))).toBe('Utilisé il y a 3 heures');
    expect(lastUsedText({ lastUsedAt: NOW - 2 * 86_400_000 }, NOW, 'en', en)).toBe('Last used 2 days ago');
  });

  it('says "Never used" for null, and nothing when the view has no such field or an unreadable one', () => {
    expect(lastUsedText({ lastUsedAt: null }, NOW, 'en', en)).toBe('Never used');
    expect(lastUsedText({ connector: 'github' }, NOW, 'en', en)).toBeNull();
    expect(lastUsedText({ lastUsedAt: 'yesterday-ish' }, NOW, 'en', en)).toBeNull();
  });

  it('never says "in …" for a clock slightly ahead', () => {
    expect(timeAgo(NOW + 5_000, NOW, 'en')).toBe('now');
    expect(timeAgo(NOW - 400 * 86_400_000, NOW, 'en')).toBe('last year');
  });
});
