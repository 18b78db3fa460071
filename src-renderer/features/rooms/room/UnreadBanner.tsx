/** The bar over the timeline while unread messages are above the view: jump to the first one, or mark all read. */
import type { ReactNode } from 'react';
import { usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { ArrowUpIcon } from '../../../lib/ui/roomIcons';

interface UnreadBannerProps {
  count: number;
  /** Null when the first unread message cannot be reached (the room was never read). */
  onJump: (() => void) | null;
  onMarkRead(): void;
}

export function UnreadBanner({ count, onJump, onMarkRead }: UnreadBannerProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  return (
    <div className="unread-banner" role="status" data-testid="unread-banner">
      {onJump ? (
        <button type="button" className="unread-banner__jump" onClick={onJump} data-testid="jump-to-unread">
          <ArrowUpIcon width={14} height={14} />
          {plural('rooms.unread.jump', count)}
        </button>
      ) : (
        <span className="unread-banner__count">{plural('rooms.unread.count', count)}</span>
      )}
      <button type="button" className="unread-banner__read" onClick={onMarkRead} aria-keyshortcuts="Escape">
        {t('rooms.unread.markRead')}
        <kbd>Esc</kbd>
      </button>
    </div>
  );
}
