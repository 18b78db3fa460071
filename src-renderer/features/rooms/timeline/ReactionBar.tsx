/** The reactions under a message: one toggle per emoji with its count, and "+" to add one. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { useT } from '../../../lib/i18n/I18nProvider';
import { SmileIcon } from '../../../lib/ui/roomIcons';
import { EmojiPicker } from './EmojiPicker';
import { useMessageContext } from './MessageContext';

interface ReactionBarProps {
  message: Message;
}

export function ReactionBar({ message }: ReactionBarProps): ReactNode {
  const t = useT();
  const { actions, readOnly } = useMessageContext();
  const [picker, setPicker] = useState<DOMRect | null>(null);
  return (
    <div className="reactions" data-testid={`reactions-${message.id}`}>
      {message.reactions.map((r) => (
        <button
          key={r.emoji}
          type="button"
          className={`reaction${r.mine ? ' reaction--mine' : ''}`}
          aria-pressed={r.mine}
          aria-label={t(r.mine ? 'rooms.reaction.mine' : 'rooms.reaction.others', { emoji: r.emoji, count: r.count })}
          disabled={readOnly}
          onClick={() => actions.react(message, r.emoji, !r.mine)}
          data-testid={`reaction-${message.id}-${r.emoji}`}
        >
          <span className="reaction__emoji">{r.emoji}</span>
          <span className="reaction__count">{r.count}</span>
        </button>
      ))}
      {readOnly ? null : (
        <button type="button" className="reaction reaction--add" aria-label={t('rooms.message.react')} onClick={(e) => setPicker(e.currentTarget.getBoundingClientRect())}>
          <SmileIcon width={15} height={15} />
        </button>
      )}
      {picker ? (
        <EmojiPicker anchor={picker} onClose={() => setPicker(null)} onPick={(emoji) => actions.react(message, emoji, !message.reactions.some((r) => r.emoji === emoji && r.mine))} />
      ) : null}
    </div>
  );
}
