/**
 * Message search beside the room: a field with the filters `from:`, `in:`,
 * `has:mention`, `before:` and `after:` (buttons insert them), results as
 * they are typed with the matched words highlighted, and ↑/↓ + Enter (or a
 * click) to open a result in its room, scrolled to it and highlighted.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { SearchHit } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/errorMessage';
import { useLocale, usePlural, useT } from '../../../lib/i18n/I18nProvider';
import { CloseIcon } from '../../../lib/ui/icons';
import { SearchIcon } from '../../../lib/ui/roomIcons';
import { formatWhen } from '../timeline/formatTime';
import { PersonAvatar } from '../timeline/PersonAvatar';
import { SnippetText } from './SnippetText';

interface SearchPanelProps {
  workspaceId: string;
  initialQuery: string;
  onOpenHit(hit: SearchHit): void;
  onClose(): void;
}

const FILTERS = ['from:', 'in:', 'has:mention', 'before:', 'after:'];
const DEBOUNCE_MS = 150;
/** Hits shown at most; the list scrolls inside the panel. */
const SEARCH_LIMIT = 200;

export function SearchPanel({ workspaceId, initialQuery, onOpenHit, onClose }: SearchPanelProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const locale = useLocale();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initialQuery);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    if (query.trim() === '') {
      setHits(null);
      setError(null);
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api.invoke('search', { workspaceId, query, limit: SEARCH_LIMIT }).then(
        (result) => {
          if (cancelled) return;
          setHits(result.hits);
          setSelected(0);
          setError(null);
        },
        (err: unknown) => {
          if (!cancelled) setError(errorMessage(err, t));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, workspaceId, t]);

  function insertFilter(filter: string): void {
    const next = `${query.trimEnd()}${query.trim() ? ' ' : ''}${filter}${filter.endsWith(':') ? '' : ' '}`;
    setQuery(next);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const count = hits?.length ?? 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      setSelected((i) => (i + (event.key === 'ArrowDown' ? 1 : -1) + count) % count);
    } else if (event.key === 'Enter') {
      const hit = hits?.[selected];
      if (hit) {
        event.preventDefault();
        onOpenHit(hit);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  }

  return (
    <aside className="side-panel search" aria-label={t('rooms.search.title')} data-testid="search-panel">
      <header className="side-panel__header">
        <h2 className="side-panel__title">{t('rooms.search.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose} data-testid="search-close">
          <CloseIcon />
        </button>
      </header>
      <div className="search__field">
        <SearchIcon width={16} height={16} aria-hidden="true" />
        <input
          ref={inputRef}
          className="search__input"
          type="search"
          value={query}
          placeholder={t('rooms.search.placeholder')}
          aria-label={t('rooms.search.title')}
          role="combobox"
          aria-expanded={(hits?.length ?? 0) > 0}
          aria-controls={listId}
          aria-activedescendant={hits && hits.length > 0 ? `${listId}-${selected}` : undefined}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          spellCheck={false}
          data-testid="search-input"
        />
      </div>
      <div className="search__filters" role="group" aria-label={t('rooms.search.filters')}>
        {FILTERS.map((filter) => (
          <button key={filter} type="button" className="chip" onClick={() => insertFilter(filter)}>
            {filter}
          </button>
        ))}
      </div>
      <div className="search__results" tabIndex={0}>
        {error ? (
          <p className="form-error search__message" role="alert">
            {error}
          </p>
        ) : hits === null ? (
          <p className="search__message">{t('rooms.search.hint')}</p>
        ) : hits.length === 0 ? (
          <p className="search__message" data-testid="search-empty">
            {t('rooms.search.empty')}
          </p>
        ) : (
          <ul id={listId} role="listbox" className="search__list" aria-label={plural('rooms.search.results', hits.length)}>
            {hits.map((hit, i) => (
              <li
                key={hit.message.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === selected}
                className="search-hit"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onOpenHit(hit)}
                onMouseEnter={() => setSelected(i)}
                data-testid={`search-hit-${hit.message.id}`}
              >
                <div className="search-hit__meta">
                  <PersonAvatar name={hit.message.authorName} size="tiny" />
                  <span className="search-hit__author">{hit.message.authorName}</span>
                  <span className="search-hit__room">#{hit.roomName}</span>
                  <span className="search-hit__when">{formatWhen(hit.message.createdAt, locale, t)}</span>
                </div>
                <p className="search-hit__snippet">
                  <SnippetText segments={hit.snippet} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
