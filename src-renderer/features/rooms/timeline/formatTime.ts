/**
 * Times and days of messages in the UI language: "14:05" or "2:05 PM",
 * "Today", "Yesterday", "Monday 3 March" (with the year when not this year).
 */
import type { Locale, Translate } from '../../../lib/i18n/i18n';
import { sameDay } from './timelineLayout';

const DAY_MS = 24 * 60 * 60 * 1000;
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

/** The time of day of `at`. */
export function formatTime(at: number, locale: Locale): string {
  return format(locale, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** Full date and time, for tooltips. */
export function formatDateTime(at: number, locale: Locale): string {
  return format(locale, { dateStyle: 'full', timeStyle: 'short' }).format(at);
}

/** The label of a day divider. */
export function formatDay(at: number, locale: Locale, t: Translate, now = Date.now()): string {
  if (sameDay(at, now)) return t('rooms.day.today');
  if (sameDay(at, now - DAY_MS)) return t('rooms.day.yesterday');
  const thisYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return format(locale, { weekday: 'long', day: 'numeric', month: 'long', ...(thisYear ? {} : { year: 'numeric' }) }).format(at);
}

/** A short date and time for search results and pins: "3 Mar, 14:05" (or "Today, 14:05"). */
export function formatWhen(at: number, locale: Locale, t: Translate, now = Date.now()): string {
  const day = sameDay(at, now) ? t('rooms.day.today') : format(locale, { day: 'numeric', month: 'short', ...(new Date(at).getFullYear() === new Date(now).getFullYear() ? {} : { year: 'numeric' }) }).format(at);
  return `${day}, ${formatTime(at, locale)}`;
}
