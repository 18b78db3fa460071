/**
 * Paging the audit trail. `audit.list` pages by time (`beforeAt`: entries
 * strictly older), and several entries can share a millisecond, so asking
 * for entries older than the oldest shown could skip its twins. The next
 * page is asked from one millisecond later instead, and what is already
 * shown is dropped when merging.
 */
import type { AuditEntry } from '../../../src-main/common/contract';

/** `beforeAt` for the page after `entries` (newest first), or undefined for the first page. */
export function nextBeforeAt(entries: readonly AuditEntry[]): number | undefined {
  const oldest = entries.at(-1);
  return oldest === undefined ? undefined : oldest.at + 1;
}

/** `entries` followed by the entries of `page` not already in it; `added` counts them. */
export function mergeAuditPage(entries: readonly AuditEntry[], page: readonly AuditEntry[]): { entries: AuditEntry[]; added: number } {
  const seen = new Set(entries.map((e) => e.id));
  const fresh = page.filter((e) => !seen.has(e.id));
  return { entries: [...entries, ...fresh], added: fresh.length };
}
