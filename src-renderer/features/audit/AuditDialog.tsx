/**
 * The audit trail of a workspace: what its digital humans did or were
 * refused, newest first, one row per entry with its time, actor (and for
 * whom), action, resource, outcome (allowed, denied or failed: each with
 * its own colour and sign) and detail; above it, whether the trail's
 * signed chains are intact. Filter by actor, load older entries, refresh.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { DigitalHuman, Member, Room } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';
import { Dialog } from '../../lib/ui/Dialog';
import { SyncIcon } from '../../lib/ui/icons';
import { AuditChainBadge } from './AuditChainBadge';
import { AuditRow } from './AuditRow';
import { auditNames } from './auditNames';
import { useAuditTrail } from './useAuditTrail';
import { useAuditVerification } from './useAuditVerification';

interface AuditDialogProps {
  workspaceId: string;
  /** The workspace's name, for the title (null while unknown). */
  workspaceName: string | null;
  onClose(): void;
}

interface Directory {
  members: Member[];
  dhs: DigitalHuman[];
  rooms: Room[];
}

export function AuditDialog({ workspaceId, workspaceName, onClose }: AuditDialogProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const actorSelectId = useId();
  const [actorId, setActorId] = useState<string | null>(null);
  const directory = useDirectory(workspaceId);
  const trail = useAuditTrail(workspaceId, actorId);
  const chain = useAuditVerification(workspaceId);
  const names = useMemo(() => auditNames(directory.members, directory.dhs, directory.rooms, (name) => t('audit.actor.archived', { name })), [directory, t]);
  const people = directory.members.filter((m) => m.kind === 'user');

  const entries = trail.entries;
  return (
    <Dialog title={workspaceName ? t('audit.titleOf', { name: workspaceName }) : t('audit.title')} onClose={onClose} testId="audit-dialog" size="large">
      <div className="audit">
        <div className="audit__toolbar">
          <div className="field audit__actor">
            <label className="field__label" htmlFor={actorSelectId}>
              {t('audit.actor')}
            </label>
            <select id={actorSelectId} className="input" value={actorId ?? ''} onChange={(e) => setActorId(e.target.value || null)} data-testid="audit-actor">
              <option value="">{t('audit.actor.all')}</option>
              {directory.dhs.length > 0 ? (
                <optgroup label={t('audit.actor.dhs')}>
                  {directory.dhs.map((dh) => (
                    <option key={dh.id} value={dh.id}>
                      {names.actors.get(dh.id) ?? dh.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {people.length > 0 ? (
                <optgroup label={t('audit.actor.members')}>
                  {people.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.displayName}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </div>
          <button
            type="button"
            className="button"
            onClick={() => {
              trail.refresh();
              chain.recheck();
            }}
            data-testid="audit-refresh"
          >
            <SyncIcon width={16} height={16} />
            {t('audit.refresh')}
          </button>
        </div>
        <AuditChainBadge verification={chain.verification} error={chain.error} />
        {trail.error ? <p role="alert">{errorMessage(trail.error, t)}</p> : null}
        {entries === null ? (
          trail.error ? null : (
            <div className="rooms__loading" role="status" aria-label={t('audit.loading')}>
              <span className="spinner" />
            </div>
          )
        ) : entries.length === 0 ? (
          <p className="audit__empty" data-testid="audit-empty">
            {actorId === null ? t('audit.empty') : t('audit.emptyFiltered')}
          </p>
        ) : (
          <div className="audit__scroll">
            <table className="audit-table" data-testid="audit-table">
              <caption className="visually-hidden">{plural('audit.count', entries.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.time')}</th>
                  <th scope="col">{t('audit.col.actor')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.resource')}</th>
                  <th scope="col">{t('audit.col.outcome')}</th>
                  <th scope="col">{t('audit.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} names={names} broken={entry.id === chain.verification?.firstBroken?.entryId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {entries !== null && entries.length > 0 ? (
          <div className="audit__footer">
            <span className="muted" role="status">
              {plural('audit.count', entries.length)}
            </span>
            {trail.hasMore ? (
              <button type="button" className="button" onClick={trail.loadMore} disabled={trail.loadingMore} data-testid="audit-load-more">
                {t('audit.loadMore')}
              </button>
            ) : (
              <span className="muted">{t('audit.end')}</span>
            )}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Who and where, to name the ids of entries: members, digital humans (archived too) and rooms. */
function useDirectory(workspaceId: string): Directory {
  const [directory, setDirectory] = useState<Directory>({ members: [], dhs: [], rooms: [] });
  useEffect(() => {
    let cancelled = false;
    Promise.all([
      api.invoke('member.list', { workspaceId }),
      api.invoke('dh.list', { workspaceId, includeArchived: true }),
      api.invoke('room.list', { workspaceId }),
    ]).then(
      ([members, dhs, rooms]) => {
        if (!cancelled) setDirectory({ members, dhs, rooms });
      },
      // Entries still show, with ids instead of names.
      (err: unknown) => console.error('Loading the names of the audit trail failed', err),
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);
  return directory;
}
