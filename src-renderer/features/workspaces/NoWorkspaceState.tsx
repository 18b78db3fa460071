/**
 * Shown when every workspace is archived or deleted: a way back.
 */
import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n/I18nProvider';
import { ArchiveIcon, PlusIcon } from '../../lib/ui/icons';

interface NoWorkspaceStateProps {
  archivedCount: number;
  onCreate(): void;
  onShowArchived(): void;
}

export function NoWorkspaceState({ archivedCount, onCreate, onShowArchived }: NoWorkspaceStateProps): ReactNode {
  const t = useT();
  return (
    <section className="empty-state empty-state--none" data-testid="no-workspace">
      <h2 className="empty-state__title">{t('workspace.none.title')}</h2>
      <p className="empty-state__body">{t('workspace.none.body')}</p>
      <div className="empty-state__buttons">
        <button type="button" className="button button--primary" onClick={onCreate}>
          <PlusIcon width={16} height={16} />
          {t('rail.create')}
        </button>
        {archivedCount > 0 ? (
          <button type="button" className="button" onClick={onShowArchived}>
            <ArchiveIcon width={16} height={16} />
            {t('rail.archivedCount', { count: archivedCount })}
          </button>
        ) : null}
      </div>
    </section>
  );
}
