/**
 * The one shape both calendar-and-mail providers (Google, Microsoft 365)
 * take for the tools: events in a range, busy intervals, an event created,
 * mail listed or searched, a draft, a sent mail. Times are ISO 8601 UTC.
 * Mail bodies are cut to a bounded length; every text in them is data
 * written by others.
 */
import type { Interval } from './freeSlots';

export interface CalendarEvent {
  id: string;
  title: string;
  start: string;
  end: string;
  location: string | null;
  organizer: string | null;
  attendees: string[];
  url: string | null;
}

export interface NewEvent {
  title: string;
  start: string;
  end: string;
  description?: string | undefined;
  location?: string | undefined;
  attendees?: string[] | undefined;
}

export interface MailSummary {
  id: string;
  from: string | null;
  to: string[];
  subject: string;
  date: string | null;
  unread: boolean | null;
  body: string;
}

export interface OutgoingMail {
  to: string[];
  cc?: string[] | undefined;
  subject: string;
  body: string;
}

export interface CalendarMailService {
  /** Events overlapping [from, to), earliest first, recurring ones expanded. */
  listEvents(from: string, to: string, limit: number): Promise<CalendarEvent[]>;
  /** The account's busy intervals in [from, to) (ms since the epoch). */
  busy(from: string, to: string): Promise<Interval[]>;
  createEvent(event: NewEvent): Promise<CalendarEvent>;
  /** Newest first; `query` in the provider's own search syntax. */
  listMail(query: string | null, limit: number): Promise<MailSummary[]>;
  createDraft(mail: OutgoingMail): Promise<{ id: string }>;
  send(mail: OutgoingMail): Promise<void>;
  /** The account's address (a health check). */
  whoAmI(): Promise<string>;
}

/** Longest mail body a tool returns. */
export const MAX_MAIL_BODY = 2000;

export function cutBody(s: string, max = MAX_MAIL_BODY): string {
  return s.length <= max ? s : `${s.slice(0, max)} […${s.length - max} more characters]`;
}

/** An ISO time in UTC (`2026-12-07T09:00:00.000Z`) from what a provider gave, or the text as it was. */
export function utcIso(value: string, assumeUtc: boolean): string {
  const t = Date.parse(assumeUtc && !/(Z|[+-]\d\d:?\d\d)$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}
