/**
 * Google Calendar v3 and Gmail v1 as the calendar-and-mail tools call them,
 * on the account's primary calendar and mailbox. Lists follow
 * `nextPageToken`; free/busy comes from `POST /calendar/v3/freeBusy`; drafts
 * and sent mail are RFC 5322 messages, base64url in `raw`.
 */
import type { BearerJsonApi } from './BearerJsonApi';
import { cutBody, utcIso, type CalendarEvent, type CalendarMailService, type MailSummary, type NewEvent, type OutgoingMail } from './CalendarMailService';
import type { Interval } from './freeSlots';
import { rfc5322 } from './rfc5322';

type Json = Record<string, unknown>;
const MAX_PAGES = 10;

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function eventOf(e: Json): CalendarEvent {
  const time = (t: unknown): string => {
    const o = (t ?? {}) as Json;
    return str(o.dateTime) !== null ? utcIso(o.dateTime as string, false) : (str(o.date) ?? '');
  };
  return {
    id: String(e.id ?? ''),
    title: str(e.summary) ?? '(no title)',
    start: time(e.start),
    end: time(e.end),
    location: str(e.location),
    organizer: str((e.organizer as Json | undefined)?.email),
    attendees: Array.isArray(e.attendees) ? e.attendees.map((a) => str((a as Json).email)).filter((a): a is string => a !== null) : [],
    url: str(e.htmlLink),
  };
}

function header(headers: unknown, name: string): string | null {
  if (!Array.isArray(headers)) return null;
  const h = headers.find((x) => typeof (x as Json).name === 'string' && ((x as Json).name as string).toLowerCase() === name);
  return h ? str((h as Json).value) : null;
}

/** The text/plain body of a Gmail message payload (or its snippet). */
function textOf(payload: Json | undefined, snippet: string): string {
  const walk = (p: Json | undefined): string | null => {
    if (!p) return null;
    const data = str((p.body as Json | undefined)?.data);
    if (data !== null && (str(p.mimeType) ?? 'text/plain').startsWith('text/plain')) return Buffer.from(data, 'base64url').toString('utf8');
    for (const part of Array.isArray(p.parts) ? (p.parts as Json[]) : []) {
      const found = walk(part);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(payload) ?? snippet;
}

export class GoogleCalendarMail implements CalendarMailService {
  constructor(private readonly api: BearerJsonApi) {}

  async listEvents(from: string, to: string, limit: number): Promise<CalendarEvent[]> {
    const items: Json[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES && items.length < limit; page += 1) {
      const body = await this.api.get<{ items?: Json[]; nextPageToken?: string }>('/calendar/v3/calendars/primary/events', {
        timeMin: from,
        timeMax: to,
        singleEvents: true,
        orderBy: 'startTime',
        maxResults: Math.min(250, limit),
        pageToken,
      });
      items.push(...(body?.items ?? []));
      pageToken = body?.nextPageToken;
      if (!pageToken) break;
    }
    return items.slice(0, limit).map(eventOf);
  }

  async busy(from: string, to: string): Promise<Interval[]> {
    const body = await this.api.post<{ calendars?: Record<string, { busy?: { start: string; end: string }[] }> }>('/calendar/v3/freeBusy', { timeMin: from, timeMax: to, items: [{ id: 'primary' }] });
    return (body?.calendars?.primary?.busy ?? []).map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })).filter((b) => !Number.isNaN(b.start) && !Number.isNaN(b.end));
  }

  async createEvent(e: NewEvent): Promise<CalendarEvent> {
    const created = await this.api.post<Json>('/calendar/v3/calendars/primary/events', {
      summary: e.title,
      start: { dateTime: e.start },
      end: { dateTime: e.end },
      ...(e.description !== undefined ? { description: e.description } : {}),
      ...(e.location !== undefined ? { location: e.location } : {}),
      ...(e.attendees?.length ? { attendees: e.attendees.map((email) => ({ email })) } : {}),
    });
    return eventOf(created);
  }

  async listMail(query: string | null, limit: number): Promise<MailSummary[]> {
    const ids: string[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES && ids.length < limit; page += 1) {
      const body = await this.api.get<{ messages?: { id: string }[]; nextPageToken?: string }>('/gmail/v1/users/me/messages', { q: query ?? undefined, maxResults: Math.min(100, limit), pageToken });
      ids.push(...(body?.messages ?? []).map((m) => m.id));
      pageToken = body?.nextPageToken;
      if (!pageToken) break;
    }
    const out: MailSummary[] = [];
    for (const id of ids.slice(0, limit)) {
      const m = await this.api.get<Json>(`/gmail/v1/users/me/messages/${encodeURIComponent(id)}`, { format: 'full' });
      const payload = m.payload as Json | undefined;
      const labels = Array.isArray(m.labelIds) ? (m.labelIds as string[]) : null;
      out.push({
        id,
        from: header(payload?.headers, 'from'),
        to: (header(payload?.headers, 'to') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
        subject: header(payload?.headers, 'subject') ?? '(no subject)',
        date: str(m.internalDate) !== null ? new Date(Number(m.internalDate)).toISOString() : header(payload?.headers, 'date'),
        unread: labels === null ? null : labels.includes('UNREAD'),
        body: cutBody(textOf(payload, str(m.snippet) ?? '')),
      });
    }
    return out;
  }

  async createDraft(mail: OutgoingMail): Promise<{ id: string }> {
    const d = await this.api.post<{ id?: string }>('/gmail/v1/users/me/drafts', { message: { raw: rfc5322(mail) } });
    return { id: String(d?.id ?? '') };
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.api.post('/gmail/v1/users/me/messages/send', { raw: rfc5322(mail) });
  }

  async whoAmI(): Promise<string> {
    const p = await this.api.get<{ emailAddress?: unknown }>('/gmail/v1/users/me/profile');
    if (typeof p?.emailAddress !== 'string') throw new Error('Google did not say which account this is (no emailAddress in the Gmail profile): check the address');
    return p.emailAddress;
  }
}
