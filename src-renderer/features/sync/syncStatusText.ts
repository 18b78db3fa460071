/**
 * How a sync status reads in the UI: a short label for the header and a
 * longer sentence for its tooltip and accessible name, in the current
 * language. A workspace its owner erased from the relay reads "Erased from
 * the relay" and, in the tooltip and accessible name, when (the date the
 * relay gave), so the date is not only in the sync dialog.
 */
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import type { Locale, MessageKey, Translate } from '../../lib/i18n/i18n';

/** When an owner erased the workspace from the relay, as a long date in `locale` ("6 December 2026"); null when the relay did not say. */
export function erasedDate(status: WorkspaceSyncStatus, locale: Locale): string | null {
  return status.erasedAt ? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(status.erasedAt)) : null;
}

/** Whether an owner erased the workspace from its relay (this device keeps its copy). */
function isErased(status: WorkspaceSyncStatus): boolean {
  return status.state === 'error' && status.reasonCode === 'removed';
}

/** The short label: "Synced", "Offline", "Error: no access", "Erased from the relay"… */
export function syncStatusLabel(status: WorkspaceSyncStatus, t: Translate): string {
  if (isErased(status)) return t('sync.state.erased');
  if (status.state === 'error') {
    const reason = status.reasonCode ? t(`sync.reason.${status.reasonCode}` as MessageKey) : (status.reason ?? '');
    return t('sync.state.error', { reason });
  }
  return t(`sync.state.${status.state}` as MessageKey);
}

/** "3 local changes not yet on the relay", or that everything is there. */
export function pendingText(pending: number, t: Translate): string {
  if (pending === 0) return t('sync.pending.none');
  return pending === 1 ? t('sync.pending.one') : t('sync.pending.other', { count: pending });
}

/** The tooltip's sentence for an erased workspace, with its date when known. */
function erasedSentence(status: WorkspaceSyncStatus, t: Translate, locale: Locale): string {
  const date = erasedDate(status, locale);
  return date ? t('sync.tooltip.erased', { date }) : t('sync.tooltip.erasedNoDate');
}

/** The indicator's accessible name: its label, with when an erased workspace was erased. */
export function syncStatusName(status: WorkspaceSyncStatus, t: Translate, locale: Locale): string {
  if (!isErased(status)) return t('sync.indicator.label', { status: syncStatusLabel(status, t) });
  const date = erasedDate(status, locale);
  return date ? t('sync.indicator.erased', { date }) : t('sync.indicator.erasedNoDate');
}

/** The tooltip: what the state means, then the pending count (none for an erased workspace: it no longer syncs). */
export function syncStatusTooltip(status: WorkspaceSyncStatus, t: Translate, locale: Locale): string {
  if (status.state === 'local-only') return t('sync.tooltip.localOnly');
  if (isErased(status)) return erasedSentence(status, t, locale);
  const relay = status.relayUrl ?? '';
  const head =
    status.state === 'error'
      ? (status.reason ?? syncStatusLabel(status, t))
      : t(`sync.tooltip.${status.state}` as MessageKey, { relay });
  return `${head}\n${pendingText(status.pending, t)}`;
}

/** The status of a workspace the core has not reported on yet. */
export function localOnlyStatus(workspaceId: string): WorkspaceSyncStatus {
  return { workspaceId, state: 'local-only', reasonCode: null, reason: null, pending: 0, relayUrl: null, accountEmail: null, role: null };
}
