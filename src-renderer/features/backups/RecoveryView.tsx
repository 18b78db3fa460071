/**
 * The main area of a damaged workspace: what happened, in plain words, and
 * the ways back, each with what it brings back and what it loses: restore
 * the latest snapshot (its time, and that what was written after it is not
 * in it), rebuild from the relay (only when the workspace is linked), or
 * recover what is still readable into a new workspace.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { DamageMarkInfo, RecoveryInfo, Workspace } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { CloudIcon, WarningIcon } from '../../lib/ui/icons';

interface RecoveryViewProps {
  workspace: Workspace;
  damage: DamageMarkInfo;
  notify(text: string): void;
  /** Opens a workspace that is usable again (the restored or rebuilt one, or the new recovered one). */
  onOpenWorkspace(id: string): void;
}

type Choice = 'restore' | 'rebuild' | 'recover';

export function RecoveryView({ workspace, damage, notify, onOpenWorkspace }: RecoveryViewProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [info, setInfo] = useState<RecoveryInfo | null>(null);
  const [busy, setBusy] = useState<Choice | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const when = (ms: number): string => new Date(ms).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });

  useEffect(() => {
    let cancelled = false;
    api.invoke('workspace.recovery', { id: workspace.id }).then(
      (loaded) => {
        if (!cancelled) setInfo(loaded);
      },
      (err: unknown) => {
        if (!cancelled) setFailure(errorMessage(err, t));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspace.id, damage.at, t]);

  async function run(choice: Choice): Promise<void> {
    setBusy(choice);
    setFailure(null);
    try {
      if (choice === 'restore') {
        const done = await api.invoke('backup.restore', { workspaceId: workspace.id });
        notify(t('recovery.restore.done', { name: workspace.name, time: when(done.snapshot.takenAt) }));
        onOpenWorkspace(workspace.id);
      } else if (choice === 'rebuild') {
        const done = await api.invoke('workspace.rebuild', { id: workspace.id });
        notify(t(done.synced ? 'recovery.rebuild.done' : 'recovery.rebuild.partial', { name: workspace.name }));
        onOpenWorkspace(workspace.id);
      } else {
        const done = await api.invoke('workspace.recover', { id: workspace.id });
        notify(t('recovery.recover.done', { name: done.workspace.name }));
        onOpenWorkspace(done.workspace.id);
      }
    } catch (err) {
      setFailure(t('recovery.failed', { message: errorMessage(err, t) }));
    } finally {
      setBusy(null);
    }
  }

  const snapshot = info?.latestSnapshot ?? null;
  const lostSince = snapshot && info?.fileChangedAt && info.fileChangedAt > snapshot.takenAt ? info.fileChangedAt : null;

  return (
    <section className="recovery" aria-labelledby="recovery-title" data-testid="recovery-view">
      <div className="recovery__head">
        <WarningIcon width={28} height={28} className="recovery__icon" aria-hidden="true" />
        <h2 id="recovery-title" className="recovery__title">
          {t('recovery.title', { name: workspace.name })}
        </h2>
      </div>
      <p className="recovery__what">{t('recovery.what')}</p>
      <p className="recovery__details" data-testid="recovery-reason">
        {t('recovery.details', { at: when(damage.at), reason: damage.reason })}
      </p>
      {failure ? (
        <p className="recovery__failure" role="alert">
          {failure}
        </p>
      ) : null}
      <h3 className="recovery__choose">{t('recovery.choose')}</h3>
      {info === null ? (
        <p className="recovery__loading">{t('recovery.loading')}</p>
      ) : (
        <ul className="recovery__choices">
          <RecoveryChoice
            testId="recovery-restore"
            title={t('recovery.restore.title')}
            body={snapshot ? [t('recovery.restore.body', { time: when(snapshot.takenAt) }), ...(lostSince ? [t('recovery.restore.lost', { since: when(lostSince) })] : [])] : [t('recovery.restore.none')]}
            action={t('recovery.restore.action')}
            available={snapshot !== null}
            busy={busy === 'restore'}
            disabled={busy !== null}
            primary
            onRun={() => void run('restore')}
          />
          <RecoveryChoice
            testId="recovery-rebuild"
            title={t('recovery.rebuild.title')}
            body={[info.relayUrl ? t('recovery.rebuild.body', { relay: info.relayUrl }) : t('recovery.rebuild.none')]}
            action={t('recovery.rebuild.action')}
            available={info.relayUrl !== null}
            busy={busy === 'rebuild'}
            disabled={busy !== null}
            icon={<CloudIcon width={16} height={16} aria-hidden="true" />}
            onRun={() => void run('rebuild')}
          />
          <RecoveryChoice
            testId="recovery-recover"
            title={t('recovery.recover.title')}
            body={[t('recovery.recover.body', { name: workspace.name })]}
            action={t('recovery.recover.action')}
            available
            busy={busy === 'recover'}
            disabled={busy !== null}
            onRun={() => void run('recover')}
          />
        </ul>
      )}
    </section>
  );
}

interface RecoveryChoiceProps {
  testId: string;
  title: string;
  body: string[];
  action: string;
  available: boolean;
  busy: boolean;
  disabled: boolean;
  primary?: boolean;
  icon?: ReactNode;
  onRun(): void;
}

function RecoveryChoice({ testId, title, body, action, available, busy, disabled, primary, icon, onRun }: RecoveryChoiceProps): ReactNode {
  const t = useT();
  return (
    <li className={`recovery__choice${available ? '' : ' recovery__choice--unavailable'}`} data-testid={testId}>
      <h4 className="recovery__choice-title">{title}</h4>
      {body.map((line) => (
        <p key={line} className="recovery__choice-body">
          {line}
        </p>
      ))}
      {available ? (
        <button type="button" className={`button${primary ? ' button--primary' : ''}`} disabled={disabled} onClick={onRun}>
          {icon}
          {busy ? t('recovery.working') : action}
        </button>
      ) : null}
    </li>
  );
}
