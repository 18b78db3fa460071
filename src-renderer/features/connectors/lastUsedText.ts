/**
 * "Last used 3 minutes ago" / "Never used" for a connection, from the
 * `lastUsedAt` of its view (ISO text, or milliseconds, or null). The field
 * is optional: a view without it says nothing, rather than "never".
 */
import type { Locale, Translate } from '../../lib/i18n/i18n';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** How long ago `at` was, in the locale's words ("3 minutes ago", "il y a 3 minutes"). */
export function timeAgo(at: number, now: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  let amount = Math.max(0, Math.round((now - at) / 1000));
  for (const [unit, size] of UNITS) {
    if (amount < size) return format.format(-amount, unit);
    amount = Math.floor(amount / size);
  }
  return format.format(-amount, 'year');
}

/** The line to show, or null when the view has no `lastUsedAt` field (or an unreadable one). */
export function lastUsedText(view: object, now: number, locale: Locale, t: Translate): string | null {
  if (!('lastUsedAt' in view)) return null;
  const value = (view as { lastUsedAt: unknown }).lastUsedAt;
  if (value === null) return t('connectors.lastUsed.never');
  const at = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return t('connectors.lastUsed.at', { when: timeAgo(at, now, locale) });
}
