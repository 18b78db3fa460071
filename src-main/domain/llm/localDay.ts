/** Local calendar days as `YYYY-MM-DD`, the key of token usage (a user's "today" is local). */

/** The local day of `ms` (epoch milliseconds). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local day `days` calendar days before the day of `ms` (0: that day). */
export function localDayBefore(ms: number, days: number): string {
  const d = new Date(ms);
  // setDate keeps the local time of day and steps over daylight-saving changes.
  d.setDate(d.getDate() - days);
  return localDay(d.getTime());
}
