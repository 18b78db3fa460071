/**
 * React binding of the translation layer: provides `t` for the current
 * language setting and keeps `<html lang>` in step with it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Language } from '../../../src-main/common/contract';
import { createTranslator, resolveLocale } from './i18n';
import type { Locale, MessageParams, Translate } from './i18n';
import { translatePlural } from './plural';
import type { PluralKey } from './plural';

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ locale: 'en', t: createTranslator('en') });

interface I18nProviderProps {
  language: Language;
  children: ReactNode;
}

export function I18nProvider({ language, children }: I18nProviderProps): ReactNode {
  const locale = resolveLocale(language, navigator.language);
  const value = useMemo<I18nValue>(() => ({ locale, t: createTranslator(locale) }), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

/** The current UI locale. */
export function useLocale(): Locale {
  return useContext(I18nContext).locale;
}

/** Translates a counted message (`base.one` / `base.other`) in the current language. */
export function usePlural(): (base: PluralKey, count: number, params?: MessageParams) => string {
  const { t, locale } = useContext(I18nContext);
  return useCallback((base: PluralKey, count: number, params?: MessageParams) => translatePlural(t, locale, base, count, params), [t, locale]);
}
