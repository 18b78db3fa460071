/**
 * The sync status in the workspace header: an icon and a label (Local only,
 * Offline, Connecting…, Syncing, Synced, Error: reason), with a tooltip that
 * explains it and counts the local changes not yet on the relay. A
 * workspace erased from the relay by its owner says when, in the tooltip
 * and the accessible name. A click opens the workspace's sync options.
 */
import type { ReactNode } from 'react';
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { CloudIcon, CloudOffIcon, LaptopIcon, SyncIcon, WarningIcon } from '../../lib/ui/icons';
import { syncStatusLabel, syncStatusName, syncStatusTooltip } from './syncStatusText';

interface SyncStatusIndicatorProps {
  status: WorkspaceSyncStatus;
  onOpen(): void;
}

function StateIcon({ state }: { state: WorkspaceSyncStatus['state'] }): ReactNode {
  const size = { width: 16, height: 16 };
  switch (state) {
    case 'local-only':
      return <LaptopIcon {...size} />;
    case 'offline':
      return <CloudOffIcon {...size} />;
    case 'connecting':
    case 'syncing':
      return <SyncIcon {...size} className="sync-status__spin" />;
    case 'synced':
      return <CloudIcon {...size} />;
    case 'error':
      return <WarningIcon {...size} />;
  }
}

export function SyncStatusIndicator({ status, onOpen }: SyncStatusIndicatorProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const label = syncStatusLabel(status, t);
  return (
    <button
      type="button"
      className={`sync-status sync-status--${status.state}`}
      title={syncStatusTooltip(status, t, locale)}
      aria-label={syncStatusName(status, t, locale)}
      onClick={onOpen}
      data-testid="sync-status"
      data-state={status.state}
      data-pending={status.pending}
    >
      <StateIcon state={status.state} />
      <span className="sync-status__label" data-testid="sync-status-label">
        {label}
      </span>
    </button>
  );
}
