/**
 * Finds the date a recall query is about ("what did we decide on 8 May
 * 2023?", "in March 2024", "2023-05-08", "during 2022"), so recall can
 * favour what happened then. Months are read in English and French. Days
 * are UTC days, widened by a day on each side so a time zone never puts a
 * memory outside its own day.
 *
 * Given anchors (relativeQueryDates.ts), it also reads dates that need one:
 * "yesterday", "last week", "three months ago" count back from now, and a
 * month or day named without a year ("in May", "on 8 May") is its latest
 * occurrence up to the most recent memory. Without anchors, a month without
 * a year is left alone ("may" is also a verb).
 */

import { relativeQueryDate, type DateAnchors } from './relativeQueryDates';

/** A span of time, in ms: from ≤ t < to. */
export interface TimeWindow {
  from: number;
  to: number;
}

export type { DateAnchors } from './relativeQueryDates';

export interface QueryDates {
  /** The span the query is about, or null. */
  window: TimeWindow | null;
  /** The query without the words of the date (a bare year stays: it may be written in a memory too). */
  rest: string;
}

const DAY = 86_400_000;

const MONTHS: Record<string, number> = {
  january: 0, jan: 0, janvier: 0, janv: 0,
  february: 1, feb: 1, fevrier: 1, février: 1, fevr: 1, févr: 1,
  march: 2, mar: 2, mars: 2,
  april: 3, apr: 3, avril: 3, avr: 3,
  may: 4, mai: 4,
  june: 5, jun: 5, juin: 5,
  july: 6, jul: 6, juillet: 6, juil: 6,
  august: 7, aug: 7, aout: 7, août: 7,
  september: 8, sep: 8, sept: 8, septembre: 8,
  october: 9, oct: 9, octobre: 9,
  november: 10, nov: 10, novembre: 10,
  december: 11, dec: 11, decembre: 11, décembre: 11,
};

const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const DAY_NUM = '(\\d{1,2})(?:st|nd|rd|th|er)?';
const YEAR = '((?:19|20)\\d{2})';

const ISO = /\b((?:19|20)\d{2})-(\d{1,2})(?:-(\d{1,2}))?\b/i;
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY_NUM}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'iu');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+${DAY_NUM},?\\s+${YEAR}\\b`, 'iu');
const MONTH_YEAR = new RegExp(`\\b${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, 'iu');
const BARE_YEAR = new RegExp(`\\b${YEAR}\\b`);

function month(name: string): number | null {
  return MONTHS[name.toLowerCase()] ?? null;
}

function dayWindow(year: number, monthIndex: number, day: number): TimeWindow | null {
  if (day < 1 || day > 31 || monthIndex < 0 || monthIndex > 11) return null;
  const start = Date.UTC(year, monthIndex, day);
  return { from: start - DAY, to: start + 2 * DAY };
}

function monthWindow(year: number, monthIndex: number): TimeWindow | null {
  if (monthIndex < 0 || monthIndex > 11) return null;
  return { from: Date.UTC(year, monthIndex, 1) - DAY, to: Date.UTC(year, monthIndex + 1, 1) + DAY };
}

/** The date `query` is about, if it names one; with `anchors`, relative dates and dates without a year too. */
export function parseQueryDates(query: string, anchors?: DateAnchors): QueryDates {
  const cut = (m: RegExpExecArray): string => `${query.slice(0, m.index)} ${query.slice(m.index + m[0].length)}`;
  let m = ISO.exec(query);
  if (m) {
    const window = m[3] !== undefined ? dayWindow(+m[1]!, +m[2]! - 1, +m[3]) : monthWindow(+m[1]!, +m[2]! - 1);
    if (window) return { window, rest: cut(m) };
  }
  m = DAY_MONTH_YEAR.exec(query);
  if (m) {
    const window = dayWindow(+m[3]!, month(m[2]!) ?? -1, +m[1]!);
    if (window) return { window, rest: cut(m) };
  }
  m = MONTH_DAY_YEAR.exec(query);
  if (m) {
    const window = dayWindow(+m[3]!, month(m[1]!) ?? -1, +m[2]!);
    if (window) return { window, rest: cut(m) };
  }
  m = MONTH_YEAR.exec(query);
  if (m) {
    const window = monthWindow(+m[2]!, month(m[1]!) ?? -1);
    if (window) return { window, rest: cut(m) };
  }
  const relative = anchors ? relativeQueryDate(query, anchors) : null;
  if (relative) return { window: relative.window, rest: `${query.slice(0, relative.index)} ${query.slice(relative.index + relative.length)}` };
  m = BARE_YEAR.exec(query);
  if (m) {
    const year = +m[1]!;
    return { window: { from: Date.UTC(year, 0, 1) - DAY, to: Date.UTC(year + 1, 0, 1) + DAY }, rest: query };
  }
  return { window: null, rest: query };
}

const CLOCK = '(?:(\\d{1,2}):(\\d{2})\\s*(am|pm|a\\.m\\.|p\\.m\\.)?\\s*(?:on\\s+|,\\s*|\\s))?';
const HUMAN_DAY_MONTH_YEAR = new RegExp(`^\\s*${CLOCK}${DAY_NUM}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\s*$`, 'iu');
const HUMAN_MONTH_DAY_YEAR = new RegExp(`^\\s*${CLOCK}${MONTH}\\s+${DAY_NUM},?\\s+${YEAR}\\s*$`, 'iu');

/**
 * A date as people write it, with an optional time before it: "8 May 2023",
 * "May 8, 2023", "1:56 pm on 8 May, 2023" (English or French month names).
 * Read as UTC; null when `text` is not such a date.
 */
export function parseHumanDate(text: string): number | null {
  let m = HUMAN_DAY_MONTH_YEAR.exec(text);
  let day: string | undefined;
  let monthName: string | undefined;
  let year: string | undefined;
  if (m) [day, monthName, year] = [m[4], m[5], m[6]];
  else if ((m = HUMAN_MONTH_DAY_YEAR.exec(text))) [monthName, day, year] = [m[4], m[5], m[6]];
  if (!m || day === undefined || monthName === undefined || year === undefined) return null;
  const monthIndex = month(monthName);
  let hours = m[1] !== undefined ? Number(m[1]) : 0;
  const minutes = m[2] !== undefined ? Number(m[2]) : 0;
  const meridiem = m[3]?.toLowerCase().replace(/\./g, '');
  if (meridiem !== undefined && (hours < 1 || hours > 12)) return null;
  if (meridiem === 'pm' && hours < 12) hours += 12;
  if (meridiem === 'am' && hours === 12) hours = 0;
  const d = Number(day);
  if (monthIndex === null || d < 1 || d > 31 || hours > 23 || minutes > 59) return null;
  const ms = Date.UTC(Number(year), monthIndex, d, hours, minutes);
  // 31 February is not a date.
  return new Date(ms).getUTCDate() === d ? ms : null;
}
