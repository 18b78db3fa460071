/**
 * A message of a conversation that recall brought back (the digital human
 * reads it beside its memories): its rank, score, author, date and text.
 * It is not a memory, so it has nothing to edit here.
 */
import type { ReactNode } from 'react';
import type { RecallItem } from '../../../src-main/common/contract';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { formatFullDate, formatStamp } from './memoryTime';

interface RecalledMessageProps {
  item: RecallItem;
  rank: number;
  /** Member id → display name. */
  names: ReadonlyMap<string, string>;
}

export function RecalledMessage({ item, rank, names }: RecalledMessageProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const author = item.authorId !== null ? (names.get(item.authorId) ?? t('memory.message.someone')) : t('memory.message.someone');
  return (
    <li className="memory-card memory-card--message" data-testid={`recalled-message-${item.id}`}>
      <div className="memory-card__head">
        <span className="memory-rank">{t('memory.rank', { rank })}</span>
        <span className="memory-kind memory-kind--message">{t('memory.kind.message')}</span>
        <span className="memory-card__importance">{t('memory.message.from', { name: author })}</span>
      </div>
      <p className="memory-card__text">{item.text}</p>
      <p className="memory-card__meta">
        <span>{t('memory.score', { score: item.score.toPrecision(3) })}</span>
        {item.source !== null ? <span>{t('memory.source', { source: item.source })}</span> : null}
        {item.at !== null ? <span title={formatFullDate(item.at, locale)}>{formatStamp(item.at, locale)}</span> : null}
      </p>
    </li>
  );
}
