/**
 * Granted OAuth scopes in words ("See and edit calendar events") instead of
 * addresses, for the calendar-and-mail cards. A scope the app does not know
 * is shown as the provider wrote it, so nothing granted is hidden.
 */
import type { MessageKey, Translate } from '../../lib/i18n/i18n';

const GOOGLE_PREFIX = 'https://www.googleapis.com/auth/';

const KNOWN: Readonly<Record<string, MessageKey>> = {
  'calendar.events': 'connectors.scope.calendarEvents',
  'calendar.freebusy': 'connectors.scope.freeBusy',
  'gmail.readonly': 'connectors.scope.mailRead',
  'gmail.compose': 'connectors.scope.mailCompose',
  offline_access: 'connectors.scope.offline',
  'user.read': 'connectors.scope.profile',
  openid: 'connectors.scope.profile',
  profile: 'connectors.scope.profile',
  email: 'connectors.scope.profile',
  'calendars.readwrite': 'connectors.scope.calendarEvents',
  'mail.readwrite': 'connectors.scope.mailReadWrite',
  'mail.send': 'connectors.scope.mailSend',
};

/** Each granted scope (space- or comma-separated) in words, once each, in the order granted. */
export function scopeWords(scopes: string, t: Translate): string[] {
  const words: string[] = [];
  for (const raw of scopes.split(/[\s,]+/)) {
    if (raw === '') continue;
    const short = raw.startsWith(GOOGLE_PREFIX) ? raw.slice(GOOGLE_PREFIX.length) : raw;
    const key = KNOWN[short.toLowerCase()];
    const word = key ? t(key) : raw;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}
