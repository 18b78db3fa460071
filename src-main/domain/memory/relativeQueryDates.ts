/**
 * Dates in a recall query that need an anchor to mean a time (English and
 * French):
 *
 * - relative to now: "yesterday", "today", "last week", "this month",
 *   "last year", "last weekend", "three days ago", "a month ago"; "hier",
 *   "la semaine dernière", "le mois dernier", "il y a deux semaines";
 * - a month or a day without a year, after a word that makes it a date
 *   ("in May", "during June", "early March", "on 8 May", "May 8th"; "en
 *   mai", "le 8 mai"): its latest occurrence up to the most recent memory,
 *   so a conversation imported from the past is read in its own time.
 *
 * Windows are UTC days widened by a day on each side, like the absolute
 * dates of parseQueryDates.ts; "last week" is the two weeks before today,
 * so it holds whichever week the asker means.
 */

/** What relative dates count from. */
export interface DateAnchors {
  /** Now (ms). */
  now: number;
  /** When the most recent memory happened (ms); read only for a month or a day without a year. */
  latest: () => number;
}

/** A date found in a query: its window and where its words are. */
export interface RelativeDate {
  window: { from: number; to: number };
  index: number;
  length: number;
}

const DAY = 86_400_000;

/** Full month names only: "mar" or "sept" after "in" are too often something else. */
const MONTH_NAMES: Record<string, number> = {
  january: 0, janvier: 0, february: 1, fevrier: 1, février: 1, march: 2, mars: 2, april: 3, avril: 3, may: 4, mai: 4,
  june: 5, juin: 5, july: 6, juillet: 6, august: 7, aout: 7, août: 7, september: 8, septembre: 8,
  october: 9, octobre: 9, november: 10, novembre: 10, december: 11, decembre: 11, décembre: 11,
};
const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
};
const UNITS: Record<string, 'day' | 'week' | 'month' | 'year'> = {
  day: 'day', days: 'day', jour: 'day', jours: 'day', week: 'week', weeks: 'week', semaine: 'week', semaines: 'week',
  month: 'month', months: 'month', mois: 'month', year: 'year', years: 'year', an: 'year', ans: 'year', annee: 'year', annees: 'year', année: 'year', années: 'year',
};

const MONTH = `(${Object.keys(MONTH_NAMES).join('|')})`;
const DAY_NUM = '(\\d{1,2})(?:st|nd|rd|th|er)?';
const AMOUNT = `(\\d{1,3}|${Object.keys(NUMBERS).join('|')})`;
const UNIT = `(${Object.keys(UNITS).join('|')})`;

/** Words after which a bare month is a date. */
const MONTH_CUE = '(?:in|during|since|until|till|by|of|early|late|mid|last|this|next|en|depuis|jusqu\'en|début|debut|fin|mi)';

const PATTERNS: { re: RegExp; window: (m: RegExpExecArray, a: DateAnchors) => { from: number; to: number } | null }[] = [
  { re: /\b(yesterday|hier)\b/iu, window: (_m, a) => day(a.now - DAY) },
  { re: /\b(the day before yesterday|avant-hier)\b/iu, window: (_m, a) => day(a.now - 2 * DAY) },
  { re: /\b(today|tonight|this morning|this afternoon|this evening|aujourd'hui|ce matin|ce soir)\b/iu, window: (_m, a) => day(a.now) },
  { re: /\b(last|past) weekend\b|\ble week-end dernier\b/iu, window: (_m, a) => span(a.now - 9 * DAY, a.now) },
  { re: /\b(last|past) week\b|\bla semaine (derniere|dernière|passee|passée)\b/iu, window: (_m, a) => span(a.now - 14 * DAY, a.now) },
  { re: /\bthis week\b|\bcette semaine\b/iu, window: (_m, a) => span(a.now - 7 * DAY, a.now) },
  { re: /\blast month\b|\ble mois (dernier|passe|passé)\b/iu, window: (_m, a) => calendarMonth(a.now, -1) },
  { re: /\bthis month\b|\bce mois-ci\b/iu, window: (_m, a) => calendarMonth(a.now, 0) },
  { re: /\blast year\b|\bl'(an|annee|année) (dernier|derniere|dernière|passe|passé|passee|passée)\b/iu, window: (_m, a) => calendarYear(a.now, -1) },
  { re: /\bthis year\b|\bcette annee\b|\bcette année\b/iu, window: (_m, a) => calendarYear(a.now, 0) },
  { re: new RegExp(`\\b${AMOUNT}\\s+${UNIT}\\s+ago\\b`, 'iu'), window: (m, a) => ago(a.now, m[1]!, m[2]!) },
  { re: new RegExp(`\\bil y a\\s+${AMOUNT}\\s+${UNIT}\\b`, 'iu'), window: (m, a) => ago(a.now, m[1]!, m[2]!) },
  { re: new RegExp(`\\b${DAY_NUM}\\s+(?:of\\s+)?${MONTH}\\b`, 'iu'), window: (m, a) => dayWithoutYear(a, MONTH_NAMES[m[2]!.toLowerCase()]!, +m[1]!) },
  { re: new RegExp(`\\b${MONTH}\\s+${DAY_NUM}\\b`, 'iu'), window: (m, a) => dayWithoutYear(a, MONTH_NAMES[m[1]!.toLowerCase()]!, +m[2]!) },
  { re: new RegExp(`\\b${MONTH_CUE}(?:[\\s-]+(?:of\\s+)?)${MONTH}\\b`, 'iu'), window: (m, a) => monthWithoutYear(a, MONTH_NAMES[m[1]!.toLowerCase()]!, /^next\b/i.test(m[0])) },
];

function startOfDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

function day(t: number): { from: number; to: number } {
  const start = startOfDay(t);
  return { from: start - DAY, to: start + 2 * DAY };
}

/** From the day of `from` to the day of `to`, both included, widened by a day. */
function span(from: number, to: number): { from: number; to: number } {
  return { from: startOfDay(from) - DAY, to: startOfDay(to) + 2 * DAY };
}

function calendarMonth(t: number, offset: number): { from: number; to: number } {
  const d = new Date(t);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1) - DAY, to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset + 1, 1) + DAY };
}

function calendarYear(t: number, offset: number): { from: number; to: number } {
  const year = new Date(t).getUTCFullYear() + offset;
  return { from: Date.UTC(year, 0, 1) - DAY, to: Date.UTC(year + 1, 0, 1) + DAY };
}

/** `amount` `unit`s before `now`, give or take one unit (a day for days). */
function ago(now: number, amount: string, unitWord: string): { from: number; to: number } | null {
  const n = NUMBERS[amount.toLowerCase()] ?? Number(amount);
  const unit = UNITS[unitWord.toLowerCase()];
  if (!Number.isFinite(n) || n < 1 || unit === undefined) return null;
  const length = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY }[unit];
  const center = now - n * length;
  return unit === 'day' ? day(center) : span(center - length, center + length);
}

function dayWithoutYear(a: DateAnchors, monthIndex: number, dayOfMonth: number): { from: number; to: number } | null {
  if (dayOfMonth < 1 || dayOfMonth > 31) return null;
  const latest = a.latest();
  let year = new Date(latest).getUTCFullYear();
  if (Date.UTC(year, monthIndex, dayOfMonth) > latest + DAY) year--;
  const t = Date.UTC(year, monthIndex, dayOfMonth);
  return new Date(t).getUTCDate() === dayOfMonth ? day(t) : null;
}

function monthWithoutYear(a: DateAnchors, monthIndex: number, next: boolean): { from: number; to: number } {
  const latest = a.latest();
  let year = new Date(latest).getUTCFullYear();
  if (next) {
    if (Date.UTC(year, monthIndex, 1) <= latest) year++;
  } else if (Date.UTC(year, monthIndex, 1) > latest) year--;
  return { from: Date.UTC(year, monthIndex, 1) - DAY, to: Date.UTC(year, monthIndex + 1, 1) + DAY };
}

/** The first date of `query` that needs an anchor, or null. */
export function relativeQueryDate(query: string, anchors: DateAnchors): RelativeDate | null {
  let best: RelativeDate | null = null;
  for (const { re, window } of PATTERNS) {
    const m = re.exec(query);
    if (!m || (best !== null && m.index >= best.index)) continue;
    const w = window(m, anchors);
    if (w) best = { window: w, index: m.index, length: m[0].length };
  }
  return best;
}
