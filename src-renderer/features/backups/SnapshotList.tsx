/**
 * The active workspace's snapshots in Settings → Backups, newest first
 * (local time, size): "Back up now" takes a verified one (busy while it
 * runs, then its row appears), and "Restore…" on a row asks first, saying
 * what would be lost (what was written after that snapshot's time) and that
 * the current file is moved aside, not deleted; a restore hands the answer
 * up, which closes the settings and opens the workspace again.
 */
import { useState, type ReactNode } from 'react';
import type { RecoveryInfo, RestoreResult, Snapshot, Workspace } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { ConfirmDeleteDialog } from '../../lib/ui/ConfirmDeleteDialog';
import { formatSize } from '../files/fileBytes';

interface SnapshotListProps {
  workspace: Workspace;
  snapshots: Snapshot[];
  /** Called with the new snapshot once it is taken (the list reloads on the core's event too). */
  onCreated(snapshot: Snapshot): void;
  onRestored(result: RestoreResult): void;
}

interface Asking {
  snapshot: Snapshot;
  info: RecoveryInfo;
}

export function SnapshotList({ workspace, snapshots, onCreated, onRestored }: SnapshotListProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const when = (ms: number): string => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });

  function create(): void {
    setCreating(true);
    setStatus(null);
    api.invoke('backup.create', { workspaceId: workspace.id }).then(
      (snapshot) => {
        onCreated(snapshot);
        setStatus({ kind: 'ok', text: t('backups.create.done', { time: when(snapshot.takenAt) }) });
        setCreating(false);
      },
      (err: unknown) => {
        setStatus({ kind: 'error', text: t('recovery.failed', { message: errorMessage(err, t) }) });
        setCreating(false);
      },
    );
  }

  function ask(snapshot: Snapshot): void {
    setStatus(null);
    // When the file last changed and whether a relay holds it: asked now, as they change with every write.
    api.invoke('workspace.recovery', { id: workspace.id }).then(
      (info) => setAsking({ snapshot, info }),
      (err: unknown) => setStatus({ kind: 'error', text: t('recovery.failed', { message: errorMessage(err, t) }) }),
    );
  }

  const lostSince = asking && asking.info.fileChangedAt !== null && asking.info.fileChangedAt > asking.snapshot.takenAt ? asking.info.fileChangedAt : null;

  return (
    <div className="snapshot-list" data-testid="snapshot-list">
      <div className="snapshot-list__head">
        <h4 className="backups__subtitle">{t('backups.list.title', { name: workspace.name })}</h4>
        <button type="button" className="button" onClick={create} disabled={creating} aria-busy={creating || undefined} data-testid="backup-create">
          {creating ? t('backups.create.busy') : t('backups.create')}
        </button>
      </div>
      {status ? (
        <p className={status.kind === 'ok' ? 'field__hint' : 'form-error'} role={status.kind === 'ok' ? 'status' : 'alert'} data-testid="backup-list-status">
          {status.text}
        </p>
      ) : null}
      {snapshots.length === 0 ? (
        <p className="field__hint" data-testid="snapshot-list-empty">
          {t('backups.list.empty')}
        </p>
      ) : (
        <ul className="snapshot-list__rows">
          {snapshots.map((snapshot, index) => (
            <li key={snapshot.id} className="snapshot-list__row" data-testid={`snapshot-${snapshot.id}`}>
              <span className="snapshot-list__time">
                {when(snapshot.takenAt)}
                {index === 0 ? <span className="snapshot-list__latest">{t('backups.list.latest')}</span> : null}
              </span>
              <span className="snapshot-list__size">{formatSize(snapshot.bytes, locale)}</span>
              <button
                type="button"
                className="button button--small"
                onClick={() => ask(snapshot)}
                aria-label={t('backups.restore.label', { time: when(snapshot.takenAt) })}
                data-testid="snapshot-restore"
              >
                {t('backups.restore.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {asking ? (
        <ConfirmDeleteDialog
          title={t('backups.restore.title', { time: when(asking.snapshot.takenAt) })}
          description={[
            t('backups.restore.lost', { name: workspace.name, time: when(asking.snapshot.takenAt) }),
            ...(lostSince ? [t('backups.restore.lastChange', { since: when(lostSince) })] : []),
            ...(asking.info.relayUrl ? [t('backups.restore.relay', { relay: asking.info.relayUrl })] : []),
          ].join(' ')}
          text={t('backups.restore.aside')}
          confirmLabel={t('backups.restore.confirm')}
          testId="snapshot-restore"
          onConfirm={async () => onRestored(await api.invoke('backup.restore', { workspaceId: workspace.id, snapshotId: asking.snapshot.id }))}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </div>
  );
}
