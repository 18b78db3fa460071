/**
 * One memory in the panel: its text, kind, tags, importance, source, the
 * date it is about and when it was added and edited; Edit (inline), Pin or
 * Unpin, Delete. In recall results it also shows its rank and score.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Memory } from '../../../src-main/common/contract';
import { useLocale, usePlural, useT } from '../../lib/i18n/I18nProvider';
import { PencilIcon, PinIcon, TrashIcon } from '../../lib/ui/roomIcons';
import { formatAboutDate, formatFullDate, formatStamp } from './memoryTime';
import { draftOf, toSteps, type MemoryDraft } from './memoryDraft';
import { MemoryEditor } from './MemoryEditor';

interface MemoryCardProps {
  memory: Memory;
  /** In recall results: its place (1 = best) and fused score. */
  ranked?: { rank: number; score: number };
  onSave(memory: Memory, draft: MemoryDraft): Promise<void>;
  onPin(memory: Memory, on: boolean): void;
  onDelete(memory: Memory): void;
}

export function MemoryCard({ memory, ranked, onSave, onPin, onDelete }: MemoryCardProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  // The action buttons name the memory they act on (its text) to screen readers.
  const textId = useId();

  // Back to where the keyboard was once the Edit button is there again (after the commit, not before).
  const refocusRef = useRef(false);
  useEffect(() => {
    if (editing || !refocusRef.current) return;
    refocusRef.current = false;
    editRef.current?.focus();
  }, [editing]);

  function stopEditing(): void {
    refocusRef.current = true;
    setEditing(false);
  }

  const testId = `memory-${memory.id}`;
  return (
    <li className={`memory-card${memory.pinned ? ' memory-card--pinned' : ''}`} data-testid={testId} data-pinned={memory.pinned}>
      {editing ? (
        <MemoryEditor
          initial={draftOf(memory)}
          submitLabel={t('common.save')}
          onSubmit={async (draft) => {
            await onSave(memory, draft);
            stopEditing();
          }}
          onCancel={stopEditing}
          testId={`${testId}-editor`}
        />
      ) : (
        <>
          <div className="memory-card__head">
            {ranked ? (
              <span className="memory-rank" title={t('memory.score', { score: ranked.score.toPrecision(3) })}>
                {t('memory.rank', { rank: ranked.rank })}
              </span>
            ) : null}
            <span className={`memory-kind memory-kind--${memory.kind}`}>{t(`memory.kind.${memory.kind}`)}</span>
            {memory.pinned ? (
              <span className="memory-card__pinned">
                <PinIcon width={13} height={13} />
                {t('memory.pinned')}
              </span>
            ) : null}
            <span className="memory-card__importance">{t('memory.importance', { value: toSteps(memory.importance) })}</span>
            <div className="memory-card__actions" role="group" aria-label={t('memory.actions')}>
              <button ref={editRef} type="button" className="button button--small" aria-describedby={textId} onClick={() => setEditing(true)} data-testid={`${testId}-edit`}>
                <PencilIcon width={14} height={14} />
                {t('memory.edit')}
              </button>
              <button type="button" className="button button--small" aria-describedby={textId} onClick={() => onPin(memory, !memory.pinned)} data-testid={`${testId}-pin`}>
                <PinIcon width={14} height={14} />
                {memory.pinned ? t('memory.unpin') : t('memory.pin')}
              </button>
              <button type="button" className="button button--small button--ghost-danger" aria-describedby={textId} onClick={() => onDelete(memory)} data-testid={`${testId}-delete`}>
                <TrashIcon width={14} height={14} />
                {t('memory.delete')}
              </button>
            </div>
          </div>
          <p id={textId} className="memory-card__text" data-testid={`${testId}-text`}>
            {memory.text}
          </p>
          {memory.tags.length > 0 ? (
            <ul className="memory-tags" aria-label={t('memory.tags')}>
              {memory.tags.map((tag) => (
                <li key={tag} className="memory-tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="memory-card__meta">
            {ranked ? <span>{t('memory.score', { score: ranked.score.toPrecision(3) })}</span> : null}
            {memory.source !== null ? <span>{t('memory.source', { source: memory.source })}</span> : null}
            {memory.sourceMessageIds.length > 0 ? <span>{plural('memory.sourceMessages', memory.sourceMessageIds.length)}</span> : null}
            {memory.at !== null ? (
              <span title={formatFullDate(memory.at, locale)}>{t('memory.at', { date: formatAboutDate(memory.at, locale) })}</span>
            ) : null}
            <span title={formatFullDate(memory.createdAt, locale)}>{t('memory.created', { date: formatStamp(memory.createdAt, locale) })}</span>
            {memory.updatedAt > memory.createdAt ? (
              <span title={formatFullDate(memory.updatedAt, locale)}>{t('memory.updated', { date: formatStamp(memory.updatedAt, locale) })}</span>
            ) : null}
          </p>
        </>
      )}
    </li>
  );
}
