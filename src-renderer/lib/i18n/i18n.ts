/**
 * The translation layer: every user-visible string of the renderer comes
 * from `translate(locale, key, params)`. Pure functions, no React, so they
 * are unit-tested under Node; `I18nProvider` binds them to the settings.
 */
import type { Language } from '../../../src-main/common/contract';
import { en } from './en';
import type { Dictionary, MessageKey } from './en';
import { fr } from './fr';

export type { MessageKey } from './en';

/** A language the UI is translated into. */
export type Locale = 'en' | 'fr';

/** Values substituted for `{placeholder}`s in a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A bound translate function, as handed to components. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { en, fr };

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * Replaces each `{name}` in `template` by `params.name`, in a single pass, so
 * a value that itself contains braces (a workspace called "{name}") is
 * inserted literally. Unknown placeholders are left visible to be noticed.
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/** Translates one key into `locale` (the `Dictionary` type guarantees it exists). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(dictionaries[locale][key], params);
}

/** Returns a translate function bound to `locale`. */
export function createTranslator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/**
 * Chooses the UI locale from the language setting. `system` follows the
 * browser/OS language: any French variant gives French, anything else English.
 */
export function resolveLocale(language: Language, systemLanguage: string | undefined): Locale {
  if (language === 'en' || language === 'fr') return language;
  return systemLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
