/** Channels one has not joined and archived ones: open (to preview), join, or unarchive. */
import type { ReactNode } from 'react';
import type { Room } from '../../../../src-main/common/contract';
import { usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { Dialog } from '../../../lib/ui/Dialog';
import { HashIcon, LockIcon } from '../../../lib/ui/roomIcons';

interface BrowseChannelsDialogProps {
  rooms: readonly Room[];
  onOpen(room: Room): void;
  onClose(): void;
}

export function BrowseChannelsDialog({ rooms, onOpen, onClose }: BrowseChannelsDialogProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const others = rooms.filter((r) => r.kind === 'channel' && (!r.joined || r.archived)).sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name));
  return (
    <Dialog title={t('rooms.browse.title')} description={t('rooms.browse.description')} onClose={onClose} testId="browse-dialog">
      {others.length === 0 ? (
        <p className="muted" data-testid="browse-empty">
          {t('rooms.browse.empty')}
        </p>
      ) : (
        <ul className="browse-list">
          {others.map((room) => (
            <li key={room.id}>
              <button type="button" className="browse-item" onClick={() => onOpen(room)} data-testid={`browse-${room.id}`}>
                {room.private ? <LockIcon width={16} height={16} /> : <HashIcon width={16} height={16} />}
                <span className="browse-item__name">{room.name}</span>
                {room.archived ? <span className="badge">{t('rooms.room.archived')}</span> : null}
                <span className="browse-item__topic">{room.topic}</span>
                <span className="browse-item__count">{plural('rooms.browse.members', room.memberIds.length)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
