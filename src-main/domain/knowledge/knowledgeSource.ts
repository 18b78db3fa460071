/**
 * How a passage is cited: its file name, the headings it sits under and
 * the pages it comes from, e.g. `handbook.pdf › Expenses › Travel, p. 12`
 * or `faq.md › Billing`.
 */
import { HEADING_SEPARATOR } from '../../storage/knowledge/knowledgeProjection';

/** The citation of a passage. */
export function knowledgeSource(fileName: string, headings: readonly string[], page: number | null, pageEnd: number | null): string {
  const where = [fileName, ...headings].join(HEADING_SEPARATOR);
  if (page === null) return where;
  return pageEnd !== null && pageEnd > page ? `${where}, pp. ${page}–${pageEnd}` : `${where}, p. ${page}`;
}

/** The heading path stored in a passage's `heading` column, as a list. */
export function headingsOf(heading: string): string[] {
  return heading.length > 0 ? heading.split(HEADING_SEPARATOR) : [];
}
