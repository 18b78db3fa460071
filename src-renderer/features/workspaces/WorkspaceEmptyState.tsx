/**
 * What a workspace shows before it has rooms or digital humans: a friendly
 * picture in its colour, one sentence on what will live here, and a few
 * quick actions: a first room, a first digital human, its look, another workspace.
 */
import type { CSSProperties, ReactNode } from 'react';
import type { Workspace } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { modifierLabel } from '../../lib/shortcuts';
import { ChatIcon, PaletteIcon, PlusIcon, SparkleIcon } from '../../lib/ui/icons';
import { EmptyStateIllustration } from './EmptyStateIllustration';
import { QuickAction } from './QuickAction';

interface WorkspaceEmptyStateProps {
  workspace: Workspace;
  /** Position on the rail, from 1, for the shortcut tip. */
  position: number;
  onCustomize(): void;
  onCreateWorkspace(): void;
  /** Starts the first room. */
  onCreateRoom(): void;
  /** Opens the new digital human dialog. */
  onCreateDh(): void;
}

export function WorkspaceEmptyState({ workspace, position, onCustomize, onCreateWorkspace, onCreateRoom, onCreateDh }: WorkspaceEmptyStateProps): ReactNode {
  const t = useT();
  const style = { '--ws-color': workspace.color } as CSSProperties;
  return (
    <section className="empty-state" style={style} data-testid="workspace-empty-state" aria-labelledby="empty-state-title">
      <EmptyStateIllustration />
      <h2 id="empty-state-title" className="empty-state__title">
        {t('workspace.empty.title', { name: workspace.name })}
      </h2>
      <p className="empty-state__body">{t('workspace.empty.body')}</p>
      <h3 className="visually-hidden">{t('workspace.empty.actions')}</h3>
      <div className="quick-actions">
        <QuickAction icon={<ChatIcon />} title={t('workspace.empty.room.title')} body={t('workspace.empty.room.body')} onClick={onCreateRoom} testId="quick-create-room" />
        <QuickAction icon={<SparkleIcon />} title={t('workspace.empty.dh.title')} body={t('workspace.empty.dh.body')} onClick={onCreateDh} testId="quick-create-dh" />
        <QuickAction
          icon={<PaletteIcon />}
          title={t('workspace.empty.customize.title')}
          body={t('workspace.empty.customize.body')}
          onClick={onCustomize}
          testId="quick-customize"
        />
        <QuickAction
          icon={<PlusIcon />}
          title={t('workspace.empty.another.title')}
          body={t('workspace.empty.another.body')}
          onClick={onCreateWorkspace}
          testId="quick-create-workspace"
        />
      </div>
      {position <= 9 ? (
        <p className="empty-state__tip">
          {t('workspace.empty.shortcut', { shortcut: `${modifierLabel()}${position}` })}
        </p>
      ) : null}
    </section>
  );
}
