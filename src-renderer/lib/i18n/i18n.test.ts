import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { interpolate, resolveLocale, translate } from './i18n';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

describe('dictionaries', () => {
  it('English and French have exactly the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every French message uses the same placeholders as its English one', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, placeholders: placeholders(fr[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
    }
  });

  it('no message is empty', () => {
    for (const dict of [en, fr]) {
      for (const [key, value] of Object.entries(dict)) {
        expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
      }
    }
  });
});

describe('interpolation', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translate('en', 'workspace.delete.title', { name: 'Acme' })).toBe('Delete “Acme”?');
    expect(translate('fr', 'workspace.delete.title', { name: 'Acme' })).toBe('Supprimer «\u00a0Acme\u00a0»\u00a0?');
  });

  it('inserts values literally, even when they look like placeholders', () => {
    expect(interpolate('Hello {name}, {other}', { name: '{other}', other: 'x' })).toBe('Hello {other}, x');
  });

  it('leaves unknown placeholders visible and accepts numbers', () => {
    expect(interpolate('{count} of {total}', { count: 3 })).toBe('3 of {total}');
  });
});

describe('resolveLocale', () => {
  it('follows the system language when set to system', () => {
    expect(resolveLocale('system', 'fr-CA')).toBe('fr');
    expect(resolveLocale('system', 'FR')).toBe('fr');
    expect(resolveLocale('system', 'de-DE')).toBe('en');
    expect(resolveLocale('system', undefined)).toBe('en');
  });

  it('uses an explicit choice whatever the system says', () => {
    expect(resolveLocale('en', 'fr-FR')).toBe('en');
    expect(resolveLocale('fr', 'en-US')).toBe('fr');
  });
});
