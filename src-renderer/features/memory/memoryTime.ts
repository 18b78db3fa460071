/**
 * Dates on memories in the UI language: the day a memory is about ("8 May
 * 2023", with the time when it has one), and when it was added or edited
 * ("8 May 2023, 14:05").
 */
import type { Locale } from '../../lib/i18n/i18n';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formats.set(key, found);
  }
  return found;
}

/** The day `at` is about; its time too unless it is midnight (a date without a time). */
export function formatAboutDate(at: number, locale: Locale): string {
  const d = new Date(at);
  const midnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  return format(locale, midnight ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Full date and time, for tooltips. */
export function formatFullDate(at: number, locale: Locale): string {
  return format(locale, { dateStyle: 'full', timeStyle: 'short' }).format(at);
}

/** When a memory was added or edited: day and time. */
export function formatStamp(at: number, locale: Locale): string {
  return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
