/**
 * The lower half of the memory panel: the filtered list (with "Load more")
 * or the ranked answer to a question, with what to say when there is
 * nothing, and a count for screen readers.
 */
import type { ReactNode, Ref } from 'react';
import type { Memory } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';
import { MemoryCard } from './MemoryCard';
import type { MemoryDraft } from './memoryDraft';
import { RecalledMessage } from './RecalledMessage';
import type { MemoryListState } from './useMemories';
import type { RecallState } from './useRecall';

interface MemoryResultsProps {
  ref: Ref<HTMLDivElement>;
  mode: 'filter' | 'recall';
  dhName: string;
  /** The list is narrowed by a filter (so an empty one says "no match"). */
  filtered: boolean;
  list: MemoryListState;
  recall: RecallState;
  names: ReadonlyMap<string, string>;
  onSave(memory: Memory, draft: MemoryDraft): Promise<void>;
  onPin(memory: Memory, on: boolean): void;
  onDelete(memory: Memory): void;
}

export function MemoryResults(props: MemoryResultsProps): ReactNode {
  const { ref, mode, list, recall } = props;
  const t = useT();
  const plural = usePlural();
  const actions = { onSave: props.onSave, onPin: props.onPin, onDelete: props.onDelete };

  if (mode === 'recall') {
    return (
      <div ref={ref} className="memory-results" tabIndex={-1} aria-busy={recall.busy} data-testid="memory-recall">
        {recall.error ? <p role="alert">{errorMessage(recall.error, t)}</p> : null}
        {recall.entries === null ? (
          recall.busy ? (
            <Spinner label={t('memory.loading')} />
          ) : (
            <p className="memory-results__empty">{t('memory.recall.prompt', { name: props.dhName })}</p>
          )
        ) : recall.entries.length === 0 ? (
          <p className="memory-results__empty" data-testid="memory-recall-empty">
            {t('memory.recall.empty', { name: props.dhName })}
          </p>
        ) : (
          <>
            <p className="memory-results__count" role="status">
              {plural('memory.recall.count', recall.entries.length)}
            </p>
            <ol className="memory-list" aria-label={t('memory.recall.label')}>
              {recall.entries.map((entry, i) =>
                entry.memory ? (
                  <MemoryCard key={entry.item.id} memory={entry.memory} ranked={{ rank: i + 1, score: entry.item.score }} {...actions} />
                ) : (
                  <RecalledMessage key={entry.item.id} item={entry.item} rank={i + 1} names={props.names} />
                ),
              )}
            </ol>
          </>
        )}
      </div>
    );
  }

  const memories = list.memories;
  return (
    <div ref={ref} className="memory-results" tabIndex={-1} aria-busy={memories === null} data-testid="memory-list">
      {list.error ? <p role="alert">{errorMessage(list.error, t)}</p> : null}
      {memories === null ? (
        list.error ? null : <Spinner label={t('memory.loading')} />
      ) : memories.length === 0 ? (
        <p className="memory-results__empty" data-testid="memory-list-empty">
          {props.filtered ? t('memory.noMatch') : t('memory.empty', { name: props.dhName })}
        </p>
      ) : (
        <>
          <p className="memory-results__count" role="status">
            {plural('memory.count', memories.length)}
          </p>
          <ul className="memory-list" aria-label={t('memory.list.label')}>
            {memories.map((memory) => (
              <MemoryCard key={memory.id} memory={memory} {...actions} />
            ))}
          </ul>
          {list.hasMore ? (
            <button type="button" className="button memory-results__more" onClick={list.loadMore} disabled={list.loadingMore} data-testid="memory-load-more">
              {t('memory.loadMore')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

function Spinner({ label }: { label: string }): ReactNode {
  return (
    <div className="rooms__loading" role="status" aria-label={label}>
      <span className="spinner" />
    </div>
  );
}
