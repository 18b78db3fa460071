/**
 * Settings → Backups: the person's view of the automatic snapshots
 * (docs/backups.md "Settings → Backups"). The schedule in plain words and
 * its fields; the space the snapshots take, in all and per workspace, and
 * the folder they live in (selectable, to find or copy it elsewhere); and
 * the active workspace's snapshots, to take one now or restore one.
 */
import type { ReactNode } from 'react';
import type { BackupUsage, RestoreResult } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { translatePlural } from '../../lib/i18n/plural';
import { formatSize } from '../files/fileBytes';
import { BackupScheduleForm } from './BackupScheduleForm';
import { SnapshotList } from './SnapshotList';
import { useBackups } from './useBackups';

interface BackupsSectionProps {
  workspaceId: string | null;
  onRestored(result: RestoreResult, workspaceName: string): void;
}

export function BackupsSection({ workspaceId, onRestored }: BackupsSectionProps): ReactNode {
  const t = useT();
  const backups = useBackups(workspaceId);
  const { state } = backups;
  if (!state) {
    return (
      <p className={backups.error ? 'form-error' : 'field__hint'} role={backups.error ? 'alert' : undefined}>
        {backups.error ? t('recovery.failed', { message: errorMessage(backups.error, t) }) : t('backups.loading')}
      </p>
    );
  }
  const { workspace } = state;
  return (
    <div className="backups" data-testid="backups-section">
      <BackupScheduleForm schedule={state.schedule} onSaved={backups.setSchedule} />
      <SpaceUsed usage={state.usage} />
      {workspace ? (
        <SnapshotList workspace={workspace} snapshots={state.snapshots} onCreated={backups.reload} onRestored={(result) => onRestored(result, workspace.name)} />
      ) : (
        <p className="field__hint">{t('backups.list.noWorkspace')}</p>
      )}
    </div>
  );
}

function SpaceUsed({ usage }: { usage: BackupUsage }): ReactNode {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="backups__space" data-testid="backup-space">
      <h4 className="backups__subtitle">{t('backups.space.title')}</h4>
      <p data-testid="backup-space-total">
        {usage.workspaces.length === 0 ? t('backups.space.none') : t('backups.space.total', { size: formatSize(usage.totalBytes, locale) })}
      </p>
      {usage.workspaces.length > 0 ? (
        <ul className="backups__per-workspace">
          {usage.workspaces.map((u) => (
            <li key={u.workspaceId} data-testid={`backup-space-${u.workspaceId}`}>
              <span className="backups__workspace-name">{u.name ?? t('backups.space.unknown')}</span>
              <span className="backups__workspace-size">
                {translatePlural(t, locale, 'backups.space.count', u.snapshots, { size: formatSize(u.bytes, locale) })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="backups__folder-label">{t('backups.space.folder')}</p>
      <code className="backups__folder" data-testid="backup-folder">
        {usage.folder}
      </code>
    </div>
  );
}
