/** How a memory's time is written in files people give the CLI (`memory import`, labelled conversations). */
import { z } from 'zod';
import { parseHumanDate } from './parseQueryDates';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A time as a person or a file gives it: ISO-8601, milliseconds since the
 * epoch, or a written date ("8 May 2023", "1:56 pm on 8 May, 2023", read as
 * UTC); parsed to milliseconds.
 */
export const memoryTimeSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : ISO_DATE.test(value) ? Date.parse(value) : (parseHumanDate(value) ?? NaN);
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > 8.64e15) {
    ctx.addIssue({ code: 'custom', message: 'Use an ISO-8601 date, like 2023-05-08 or 2023-05-08T13:56:00Z, a date like "8 May 2023", or milliseconds since 1970' });
    return z.NEVER;
  }
  return ms;
});
