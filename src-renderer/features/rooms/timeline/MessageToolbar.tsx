/**
 * The actions over a hovered or focused message: react, reply in thread,
 * pin, and for one's own messages edit and delete.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { useT } from '../../../lib/i18n/I18nProvider';
import { PencilIcon, PinIcon, SmileIcon, ThreadIcon, TrashIcon } from '../../../lib/ui/roomIcons';
import { EmojiPicker } from './EmojiPicker';
import { useMessageContext } from './MessageContext';

interface MessageToolbarProps {
  message: Message;
  mine: boolean;
  inThread: boolean;
}

export function MessageToolbar({ message, mine, inThread }: MessageToolbarProps): ReactNode {
  const t = useT();
  const { actions } = useMessageContext();
  const [picker, setPicker] = useState<DOMRect | null>(null);
  const button = (label: string, icon: ReactNode, onClick: (rect: DOMRect) => void, testId: string, tone = ''): ReactNode => (
    <button
      type="button"
      className={`msg-toolbar__button${tone}`}
      aria-label={label}
      title={label}
      onClick={(e) => onClick(e.currentTarget.getBoundingClientRect())}
      data-testid={`${testId}-${message.id}`}
    >
      {icon}
    </button>
  );
  return (
    <div className="msg-toolbar" role="toolbar" aria-label={t('rooms.message.actions')}>
      {button(t('rooms.message.react'), <SmileIcon width={16} height={16} />, setPicker, 'react')}
      {inThread ? null : button(t('rooms.message.reply'), <ThreadIcon width={16} height={16} />, () => actions.openThread(message), 'reply')}
      {button(message.pinned ? t('rooms.message.unpin') : t('rooms.message.pin'), <PinIcon width={16} height={16} />, () => actions.pin(message, !message.pinned), 'pin')}
      {mine ? button(t('rooms.message.edit'), <PencilIcon width={16} height={16} />, () => actions.startEdit(message), 'edit') : null}
      {mine ? button(t('rooms.message.delete'), <TrashIcon width={16} height={16} />, () => actions.remove(message), 'delete', ' msg-toolbar__button--danger') : null}
      {picker ? (
        <EmojiPicker
          anchor={picker}
          onClose={() => setPicker(null)}
          onPick={(emoji) => actions.react(message, emoji, !message.reactions.some((r) => r.emoji === emoji && r.mine))}
        />
      ) : null}
    </div>
  );
}
