/**
 * The emoji picker, in a popup next to the button that opened it: frequent
 * reactions first, then every emoji of the Emojibase data set by group, a
 * search over names and keywords in the person's language, and a skin tone
 * that is remembered on this device. Arrow keys move in the grid, Enter
 * picks, Esc or a click elsewhere closes; typing goes to the search field.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useLocale, useT } from '../../../lib/i18n/I18nProvider';
import { restoreFocus } from '../../../lib/ui/useFocusTrap';
import { loadCatalog, searchEmojis, withSkinTone, type EmojiEntry, type EmojiGroup } from './emojiCatalog';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀', '🙏', '✅', '🚀', '🔥', '😮', '😢', '💯'];
const COLUMNS = 8;
const TONE_KEY = 'qwanyx.emojiSkinTone';
const TONES = ['✋', '✋🏻', '✋🏼', '✋🏽', '✋🏾', '✋🏿'];

interface EmojiPickerProps {
  anchor: DOMRect;
  onPick(emoji: string): void;
  onClose(): void;
}

function storedTone(): number {
  const n = Number(localStorage.getItem(TONE_KEY));
  return Number.isInteger(n) && n >= 0 && n <= 5 ? n : 0;
}

export function EmojiPicker({ anchor, onPick, onClose }: EmojiPickerProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [place, setPlace] = useState({ left: anchor.right, top: anchor.bottom + 6 });
  const [groups, setGroups] = useState<EmojiGroup[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [tone, setTone] = useState(storedTone);
  const previous = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    let live = true;
    loadCatalog(locale).then(
      (loaded) => live && setGroups(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [locale]);

  useLayoutEffect(() => {
    // Placed beside its anchor and kept inside the window, again whenever the window is resized.
    function fit(): void {
      const el = ref.current;
      if (!el) return;
      const { width, height } = el.getBoundingClientRect();
      const below = anchor.bottom + 6 + height < window.innerHeight - 8;
      setPlace({
        left: Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8)),
        top: below ? anchor.bottom + 6 : Math.max(8, anchor.top - height - 6),
      });
    }
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [anchor, groups]);

  useEffect(() => {
    const before = previous.current;
    searchRef.current?.focus();
    function onPointerDown(event: PointerEvent): void {
      if (!ref.current?.contains(event.target as Node)) onCloseRef.current();
    }
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      restoreFocus(before);
    };
  }, []);

  const results = useMemo(() => (groups && query.trim() ? searchEmojis(groups, query) : null), [groups, query]);

  function pick(emoji: string): void {
    onClose();
    onPick(emoji);
  }

  function chooseTone(next: number): void {
    setTone(next);
    localStorage.setItem(TONE_KEY, String(next));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ' && event.target !== searchRef.current) {
      // Typing anywhere in the picker searches: the key lands in the field.
      searchRef.current?.focus();
      return;
    }
    if (event.key === 'Escape') {
      onClose();
    } else if (event.key === 'Tab' && !event.shiftKey && document.activeElement !== searchRef.current) {
      onClose();
    } else if (event.target === searchRef.current) {
      if (event.key !== 'ArrowDown' && event.key !== 'Enter') return;
      const first = ref.current?.querySelector<HTMLElement>('.emoji-picker__grid button');
      if (event.key === 'Enter' && first) first.click();
      else first?.focus();
    } else {
      const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('.emoji-picker__grid button') ?? [])];
      const index = buttons.indexOf(document.activeElement as HTMLElement);
      const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
      const move = moves[event.key];
      if (move === undefined || index < 0) return;
      const target = index + move;
      if (target < 0) searchRef.current?.focus();
      else buttons[Math.min(target, buttons.length - 1)]?.focus();
    }
    event.preventDefault();
    event.stopPropagation();
  }

  const button = (emoji: string, label: string, testId?: string): ReactNode => (
    <button
      key={`${label}-${emoji}`}
      type="button"
      className="emoji-picker__item"
      aria-label={t('rooms.reaction.add', { emoji: label })}
      title={label}
      onClick={() => pick(emoji)}
      data-testid={testId}
    >
      {emoji}
    </button>
  );
  const entryButton = (e: EmojiEntry): ReactNode => button(withSkinTone(e, tone), e.label);

  return createPortal(
    <div ref={ref} className="emoji-picker" role="dialog" aria-label={t('rooms.message.react')} style={place} onKeyDown={onKeyDown} data-testid="emoji-picker">
      <div className="emoji-picker__top">
        <input
          ref={searchRef}
          className="input emoji-picker__search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('emoji.search')}
          aria-label={t('emoji.search')}
          data-testid="emoji-search"
        />
        <div className="emoji-picker__tones" role="radiogroup" aria-label={t('emoji.skinTone')}>
          {TONES.map((swatch, i) => (
            <button
              key={swatch}
              type="button"
              role="radio"
              aria-checked={tone === i}
              aria-label={t(`emoji.tone.${i}` as 'emoji.tone.0')}
              className="emoji-picker__tone"
              onClick={() => chooseTone(i)}
            >
              {swatch}
            </button>
          ))}
        </div>
      </div>
      <div className="emoji-picker__grid" data-testid="emoji-grid">
        {results ? (
          results.length > 0 ? (
            <section aria-label={t('emoji.results')}>
              <div className="emoji-picker__row">{results.map(entryButton)}</div>
            </section>
          ) : (
            <p className="emoji-picker__empty">{t('emoji.none', { query })}</p>
          )
        ) : (
          <>
            <section aria-label={t('emoji.frequent')}>
              <h3 className="emoji-picker__heading">{t('emoji.frequent')}</h3>
              <div className="emoji-picker__row">{QUICK_REACTIONS.map((e) => button(e, e, `emoji-${e}`))}</div>
            </section>
            {groups?.map((g) => (
              <section key={g.key} aria-label={g.label}>
                <h3 className="emoji-picker__heading">{g.label}</h3>
                <div className="emoji-picker__row">{g.emojis.map(entryButton)}</div>
              </section>
            ))}
            {!groups && !failed ? <p className="emoji-picker__empty">{t('emoji.loading')}</p> : null}
            {failed ? <p className="emoji-picker__empty">{t('emoji.failed')}</p> : null}
          </>
        )}
      </div>
    </div>,
    document.body,
  );
}
