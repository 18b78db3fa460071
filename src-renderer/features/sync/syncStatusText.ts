/**
 * How a sync status reads in the UI: a short label for the header and a
 * longer sentence for its tooltip, in the current language.
 */
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import type { MessageKey, Translate } from '../../lib/i18n/i18n';

/** The short label: "Synced", "Offline", "Error: no access"… */
export function syncStatusLabel(status: WorkspaceSyncStatus, t: Translate): string {
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

/** The tooltip: what the state means, then the pending count. */
export function syncStatusTooltip(status: WorkspaceSyncStatus, t: Translate): string {
  if (status.state === 'local-only') return t('sync.tooltip.localOnly');
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
