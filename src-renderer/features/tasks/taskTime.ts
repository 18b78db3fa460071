/**
 * Task times in the UI: the value of a `datetime-local` input (local time,
 * as the person means it) to and from ms, and short labels for due dates.
 */

/** `YYYY-MM-DDTHH:mm` in local time for an `<input type="datetime-local">`; '' for null. */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ms of a `datetime-local` value (local time), or null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}

/** Whether a due time has passed (for an open task). */
export function isOverdue(dueAt: number | null, now: number): boolean {
  return dueAt !== null && dueAt < now;
}

/** A short date (and time unless midnight) in `locale`: "May 1, 17:00" or "1 mai". */
export function formatDue(ms: number, locale: string, now: number): string {
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  const date = d.toLocaleDateString(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
  const midnight = d.getHours() === 0 && d.getMinutes() === 0;
  return midnight ? date : `${date}, ${d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })}`;
}
