/**
 * The completion popup above the message field: a listbox whose options the
 * field drives (`aria-activedescendant`); the mouse can pick too, without
 * taking focus from the field.
 */
import type { ReactNode } from 'react';
import { useT } from '../../../lib/i18n/I18nProvider';
import { HashIcon } from '../../../lib/ui/roomIcons';
import { PersonAvatar } from '../timeline/PersonAvatar';

export interface Suggestion {
  id: string;
  /** What is inserted after the `@` or `#`. */
  value: string;
  label: string;
  detail: string;
  kind: 'user' | 'dh' | 'room';
}

interface SuggestionListProps {
  id: string;
  suggestions: Suggestion[];
  selected: number;
  onPick(suggestion: Suggestion): void;
  onHover(index: number): void;
}

export function SuggestionList({ id, suggestions, selected, onPick, onHover }: SuggestionListProps): ReactNode {
  const t = useT();
  return (
    <ul id={id} className="suggestions" role="listbox" aria-label={t('rooms.composer.suggestions')} data-testid="mention-suggestions">
      {suggestions.map((s, i) => (
        <li
          key={s.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === selected}
          className="suggestions__item"
          data-testid={`suggestion-${s.value}`}
          onMouseDown={(e) => {
            // Keep focus (and the caret) in the field.
            e.preventDefault();
            onPick(s);
          }}
          onMouseEnter={() => onHover(i)}
        >
          {s.kind === 'room' ? <HashIcon width={15} height={15} aria-hidden="true" /> : <PersonAvatar name={s.label} size="tiny" digitalHuman={s.kind === 'dh'} />}
          <span className="suggestions__label">{s.kind === 'room' ? s.value : s.label}</span>
          {s.detail ? <span className="suggestions__detail">{s.detail}</span> : null}
          {s.kind === 'dh' ? <span className="suggestions__tag">{t('rooms.member.digitalHuman')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
