/**
 * A small grid of frequent reactions in a popup next to the button that
 * opened it: arrow keys move, Enter picks, Esc or a click elsewhere closes.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../../lib/i18n/I18nProvider';
import { restoreFocus } from '../../../lib/ui/useFocusTrap';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🙏', '✅', '🚀', '🔥', '😮', '😢', '💯'];
const COLUMNS = 6;

interface EmojiPickerProps {
  anchor: DOMRect;
  onPick(emoji: string): void;
  onClose(): void;
}

export function EmojiPicker({ anchor, onPick, onClose }: EmojiPickerProps): ReactNode {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: anchor.right, top: anchor.bottom + 6 });
  const previous = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const below = anchor.bottom + 6 + height < window.innerHeight - 8;
    setPlace({
      left: Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8)),
      top: below ? anchor.bottom + 6 : Math.max(8, anchor.top - height - 6),
    });
  }, [anchor]);

  useEffect(() => {
    const before = previous.current;
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    function onPointerDown(event: PointerEvent): void {
      if (!ref.current?.contains(event.target as Node)) onCloseRef.current();
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      restoreFocus(before);
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('button')];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    const move = moves[event.key];
    if (move !== undefined) {
      buttons[(index + move + buttons.length) % buttons.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      onClose();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return createPortal(
    <div ref={ref} className="emoji-picker" role="dialog" aria-label={t('rooms.message.react')} style={place} onKeyDown={onKeyDown} data-testid="emoji-picker">
      {QUICK_REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="emoji-picker__item"
          aria-label={t('rooms.reaction.add', { emoji })}
          onClick={() => {
            onClose();
            onPick(emoji);
          }}
          data-testid={`emoji-${emoji}`}
        >
          {emoji}
        </button>
      ))}
    </div>,
    document.body,
  );
}
