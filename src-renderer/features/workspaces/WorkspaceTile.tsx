/**
 * One workspace on the rail: its avatar as a button (click opens it,
 * right-click or the "…" button opens its menu), a pill marking the active
 * one, and a tooltip with its name and keyboard shortcut. A muted one shows
 * a crossed-out bell and no unread count or pill (mentions still show).
 */
import { useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { UnreadSummary, Workspace } from '../../../src-main/common/contract';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';
import { modifierLabel } from '../../lib/shortcuts';
import { MoreIcon, WarningIcon } from '../../lib/ui/icons';
import type { MenuAnchor } from '../../lib/ui/Menu';
import { MutedMark } from '../../lib/ui/MutedMark';
import { useIsDamaged } from '../backups/useRecovery';
import { WorkspaceAvatar } from './WorkspaceAvatar';

interface WorkspaceTileProps {
  workspace: Workspace;
  /** Position on the rail, from 1; the first nine have a Ctrl/⌘+n shortcut. */
  position: number;
  active: boolean;
  /** True while this tile's menu is open. */
  menuOpen: boolean;
  /** Unread messages and mentions in the workspace: a count, marked "@" and red when some mention the person. */
  unread: UnreadSummary | null;
  /** Its notifications are off on this device (said in its name). */
  muted: boolean;
  onOpen(id: string): void;
  onMenu(workspace: Workspace, anchor: MenuAnchor): void;
}

interface TooltipPlace {
  left: number;
  top: number;
}

export function WorkspaceTile({ workspace, position, active, menuOpen, unread, muted, onOpen, onMenu }: WorkspaceTileProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const [tooltip, setTooltip] = useState<TooltipPlace | null>(null);
  const shortcut = position <= 9 ? `${modifierLabel()}${position}` : null;
  const mentions = unread?.mentions ?? 0;
  // Mentions count in muted rooms too, where the total does not look.
  const count = Math.max(unread?.total ?? 0, mentions);
  const hasUnread = count > 0;
  // Muted: unread messages do not call for attention; mentions still do.
  const showsBadge = muted ? mentions > 0 : hasUnread;
  const unreadLabel = [workspace.name, ...(hasUnread ? [plural('rail.unread', count)] : []), ...(mentions > 0 ? [plural('rail.mentions', mentions)] : []), ...(muted ? [t('rail.muted')] : [])].join(', ');

  function showTooltip(event: { currentTarget: HTMLElement }): void {
    const rect = event.currentTarget.getBoundingClientRect();
    setTooltip({ left: rect.right + 12, top: rect.top + rect.height / 2 });
  }

  function openMenuAt(event: MouseEvent<HTMLElement>): void {
    event.preventDefault();
    setTooltip(null);
    onMenu(workspace, { x: event.clientX, y: event.clientY });
  }

  function openMenuBeside(event: MouseEvent<HTMLElement>): void {
    const rect = event.currentTarget.getBoundingClientRect();
    setTooltip(null);
    onMenu(workspace, { x: rect.right + 6, y: rect.top });
  }

  const damaged = useIsDamaged(workspace.id);
  return (
    <li className={`rail__item${active ? ' rail__item--active' : ''}${showsBadge && !active ? ' rail__item--unread' : ''}${muted ? ' rail__item--muted' : ''}`}>
      <button
        type="button"
        className="tile"
        aria-current={active ? 'page' : undefined}
        aria-keyshortcuts={position <= 9 ? `Control+${position} Meta+${position}` : undefined}
        data-testid={`workspace-tile-${workspace.id}`}
        aria-description={damaged ? t('rail.damaged') : undefined}
        onClick={() => onOpen(workspace.id)}
        onContextMenu={openMenuAt}
        onMouseEnter={showTooltip}
        onMouseLeave={() => setTooltip(null)}
        onFocus={showTooltip}
        onBlur={() => setTooltip(null)}
      >
        {/* The name as text, not aria-label: the initials shown must not contradict it (WCAG 2.5.3). */}
        <span className="visually-hidden tile__name">{unreadLabel}</span>
        <WorkspaceAvatar name={workspace.name} color={workspace.color} icon={workspace.icon} />
        {showsBadge ? (
          <span
            className={`tile__badge${mentions > 0 ? ' tile__badge--mention' : ''}`}
            aria-hidden="true"
            data-testid={`workspace-unread-${workspace.id}`}
            data-mentions={mentions}
          >
            {mentions > 0 ? '@' : ''}
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      <button
        type="button"
        className="tile__more"
        aria-label={t('rail.more', { name: workspace.name })}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        data-testid={`workspace-menu-${workspace.id}`}
        onClick={openMenuBeside}
      >
        <MoreIcon width={14} height={14} />
      </button>
      {muted ? <MutedMark className="tile__muted" label={t('rail.mutedMark', { name: workspace.name })} testId={`workspace-muted-${workspace.id}`} /> : null}
      {damaged ? (
        <span className="tile__damaged" aria-hidden="true" data-testid={`workspace-damaged-${workspace.id}`}>
          <WarningIcon width={12} height={12} />
        </span>
      ) : null}
      {tooltip
        ? createPortal(
            <div className="tooltip" role="tooltip" style={{ left: tooltip.left, top: tooltip.top }} data-testid="rail-tooltip">
              <span className="tooltip__title">{workspace.name}</span>
              {shortcut ? <kbd className="tooltip__kbd">{shortcut}</kbd> : null}
            </div>,
            document.body,
          )
        : null}
    </li>
  );
}
