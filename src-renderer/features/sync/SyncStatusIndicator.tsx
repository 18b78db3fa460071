/**
 * The sync status in the workspace header: an icon and a label (Local only,
 * Offline, Connecting…, Syncing, Synced, Error: reason), with a tooltip that
 * explains it and counts the local changes not yet on the relay. A click
 * opens the workspace's sync options.
 */
import type { ReactNode } from 'react';
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { CloudIcon, CloudOffIcon, LaptopIcon, SyncIcon, WarningIcon } from '../../lib/ui/icons';
import { syncStatusLabel, syncStatusTooltip } from './syncStatusText';

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
  const label = syncStatusLabel(status, t);
  return (
    <button
      type="button"
      className={`sync-status sync-status--${status.state}`}
      title={syncStatusTooltip(status, t)}
      aria-label={t('sync.indicator.label', { status: label })}
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
