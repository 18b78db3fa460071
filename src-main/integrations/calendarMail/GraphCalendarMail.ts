/**
 * Microsoft Graph v1.0 (Microsoft 365 calendar and mail) as the
 * calendar-and-mail tools call them: `/me/calendarView` for a range,
 * `/me/calendar/getSchedule` for free/busy, `/me/events` to create,
 * `/me/messages` (with `$search`) to list, a draft by `POST /me/messages`,
 * `/me/sendMail` to send. Lists follow `@odata.nextLink` on Graph's own
 * origin. Times are asked in UTC (`Prefer: outlook.timezone="UTC"`).
 */
import type { BearerJsonApi } from './BearerJsonApi';
import { cutBody, utcIso, type CalendarEvent, type CalendarMailService, type MailSummary, type NewEvent, type OutgoingMail } from './CalendarMailService';
import type { Interval } from './freeSlots';

type Json = Record<string, unknown>;
const MAX_PAGES = 10;

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function address(v: unknown): string | null {
  return str(((v as Json | undefined)?.emailAddress as Json | undefined)?.address);
}

function eventOf(e: Json): CalendarEvent {
  const time = (t: unknown): string => utcIso(str((t as Json | undefined)?.dateTime) ?? '', true);
  return {
    id: String(e.id ?? ''),
    title: str(e.subject) ?? '(no title)',
    start: time(e.start),
    end: time(e.end),
    location: str((e.location as Json | undefined)?.displayName) || null,
    organizer: address(e.organizer),
    attendees: Array.isArray(e.attendees) ? e.attendees.map(address).filter((a): a is string => a !== null) : [],
    url: str(e.webLink),
  };
}

function recipients(list: string[] | undefined): Json[] {
  return (list ?? []).map((a) => ({ emailAddress: { address: a } }));
}

function messageOf(mail: OutgoingMail): Json {
  return { subject: mail.subject, body: { contentType: 'Text', content: mail.body }, toRecipients: recipients(mail.to), ...(mail.cc?.length ? { ccRecipients: recipients(mail.cc) } : {}) };
}

/** Graph's "dateTime without zone" in UTC, from an ISO time. */
function graphTime(iso: string): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: new Date(iso).toISOString().replace(/Z$/, ''), timeZone: 'UTC' };
}

export class GraphCalendarMail implements CalendarMailService {
  constructor(private readonly api: BearerJsonApi) {}

  private async collect(first: () => Promise<{ value?: Json[]; '@odata.nextLink'?: string } | null>, limit: number): Promise<Json[]> {
    const items: Json[] = [];
    let body = await first();
    for (let page = 1; ; page += 1) {
      items.push(...(body?.value ?? []));
      const next = body?.['@odata.nextLink'];
      if (!next || items.length >= limit || page >= MAX_PAGES) break;
      body = await this.api.getNext(next);
    }
    return items.slice(0, limit);
  }

  async listEvents(from: string, to: string, limit: number): Promise<CalendarEvent[]> {
    const items = await this.collect(() => this.api.get('/v1.0/me/calendarView', { startDateTime: from, endDateTime: to, $top: Math.min(100, limit), $orderby: 'start/dateTime' }), limit);
    return items.map(eventOf);
  }

  async busy(from: string, to: string): Promise<Interval[]> {
    const me = await this.whoAmI();
    const body = await this.api.post<{ value?: { scheduleItems?: { status?: string; start?: Json; end?: Json }[] }[] }>('/v1.0/me/calendar/getSchedule', {
      schedules: [me],
      startTime: graphTime(from),
      endTime: graphTime(to),
      availabilityViewInterval: 15,
    });
    return (body?.value?.[0]?.scheduleItems ?? [])
      .filter((i) => i.status !== 'free')
      .map((i) => ({ start: Date.parse(utcIso(str(i.start?.dateTime) ?? '', true)), end: Date.parse(utcIso(str(i.end?.dateTime) ?? '', true)) }))
      .filter((b) => !Number.isNaN(b.start) && !Number.isNaN(b.end));
  }

  async createEvent(e: NewEvent): Promise<CalendarEvent> {
    const created = await this.api.post<Json>('/v1.0/me/events', {
      subject: e.title,
      start: graphTime(e.start),
      end: graphTime(e.end),
      ...(e.description !== undefined ? { body: { contentType: 'Text', content: e.description } } : {}),
      ...(e.location !== undefined ? { location: { displayName: e.location } } : {}),
      ...(e.attendees?.length ? { attendees: e.attendees.map((a) => ({ emailAddress: { address: a }, type: 'required' })) } : {}),
    });
    return eventOf(created);
  }

  async listMail(query: string | null, limit: number): Promise<MailSummary[]> {
    const select = 'id,subject,from,toRecipients,receivedDateTime,isRead,body,bodyPreview';
    // $search cannot go with $orderby (Graph sorts search results by relevance).
    const q = query !== null ? { $search: `"${query.replace(/"/g, '')}"` } : { $orderby: 'receivedDateTime desc' };
    const items = await this.collect(() => this.api.get('/v1.0/me/messages', { $top: Math.min(100, limit), $select: select, ...q }), limit);
    return items.map((m) => {
      const body = m.body as Json | undefined;
      const content = str(body?.content) ?? str(m.bodyPreview) ?? '';
      const text = str(body?.contentType)?.toLowerCase() === 'html' ? content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : content;
      return {
        id: String(m.id ?? ''),
        from: address(m.from),
        to: Array.isArray(m.toRecipients) ? m.toRecipients.map(address).filter((a): a is string => a !== null) : [],
        subject: str(m.subject) ?? '(no subject)',
        date: str(m.receivedDateTime),
        unread: typeof m.isRead === 'boolean' ? !m.isRead : null,
        body: cutBody(text),
      };
    });
  }

  async createDraft(mail: OutgoingMail): Promise<{ id: string }> {
    const d = await this.api.post<{ id?: string }>('/v1.0/me/messages', messageOf(mail));
    return { id: String(d?.id ?? '') };
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.api.post('/v1.0/me/sendMail', { message: messageOf(mail), saveToSentItems: true });
  }

  async whoAmI(): Promise<string> {
    const me = await this.api.get<{ mail?: unknown; userPrincipalName?: unknown }>('/v1.0/me');
    const a = str(me?.mail) ?? str(me?.userPrincipalName);
    if (a === null) throw new Error('Microsoft Graph did not say which account this is (no mail in /me): check the address');
    return a;
  }
}
