/**
 * React binding of the translation layer: provides `t` for the current
 * language setting and keeps `<html lang>` in step with it.
 */
import { createContext, useContext, useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Language } from '../../../src-main/common/contract';
import { createTranslator, resolveLocale } from './i18n';
import type { Locale, Translate } from './i18n';

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
