/**
 * Who used what over the period, as a list: a name, a bar as long as its
 * share of the largest, and the figures in words (the bar is decoration;
 * the text carries the numbers).
 */
import type { ReactNode } from 'react';
import type { UsageReport } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';

export function ShareBars({ title, rows, locale, testId }: { title: string; rows: UsageReport['members']; locale: string; testId: string }): ReactNode {
  const t = useT();
  const max = Math.max(1, ...rows.map((r) => r.tokens));
  return (
    <section className="usage-share" aria-label={title} data-testid={testId}>
      <h3 className="usage-share__title">{title}</h3>
      {rows.length === 0 ? (
        <p className="field__hint">{t('usage.none')}</p>
      ) : (
        <ul className="usage-share__list">
          {rows.map((r) => (
            <li key={r.id} className="usage-share__row">
              <span className="usage-share__name">{r.name}</span>
              <span className="usage-share__track" aria-hidden="true">
                <span className="usage-share__bar" style={{ width: `${Math.max(1, (r.tokens / max) * 100)}%` }} />
              </span>
              <span className="usage-share__figures">
                {t('usage.row', { tokens: r.tokens.toLocaleString(locale), toolCalls: r.toolCalls.toLocaleString(locale), messages: r.messages.toLocaleString(locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
