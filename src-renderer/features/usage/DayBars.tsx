/**
 * Model tokens per day as an SVG bar chart: one bar per day, the day's
 * figure in each bar's tooltip, a sentence summing it up as the chart's
 * accessible name, and the figures as a table under "Show the figures".
 */
import type { ReactNode } from 'react';
import type { UsageReport } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';

const WIDTH = 640;
const HEIGHT = 140;
const AXIS = 18;

function shortDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

export function DayBars({ days, locale }: { days: UsageReport['days']; locale: string }): ReactNode {
  const t = useT();
  const max = Math.max(1, ...days.map((d) => d.tokens));
  const top = days.reduce((best, d) => (d.tokens > best.tokens ? d : best), days[0] ?? { day: '', tokens: 0 });
  const total = days.reduce((sum, d) => sum + d.tokens, 0);
  const slot = WIDTH / Math.max(1, days.length);
  const bar = Math.max(2, slot * 0.7);
  const label = t('usage.perDay.summary', { total: total.toLocaleString(locale), days: days.length, maxDay: top.day ? shortDay(top.day, locale) : '—', max: top.tokens.toLocaleString(locale) });
  const every = Math.ceil(days.length / 8);
  return (
    <figure className="usage-chart" data-testid="usage-day-chart">
      <figcaption className="usage-chart__title">{t('usage.perDay')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} role="img" aria-label={label} className="usage-chart__svg" preserveAspectRatio="none">
        <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="usage-chart__axis" />
        {days.map((d, i) => {
          const h = d.tokens === 0 ? 0 : Math.max(2, (d.tokens / max) * (HEIGHT - 8));
          return (
            <g key={d.day}>
              <rect x={i * slot + (slot - bar) / 2} y={HEIGHT - h} width={bar} height={h} rx={2} className="usage-chart__bar" data-testid={`usage-bar-${d.day}`}>
                <title>{`${shortDay(d.day, locale)}: ${d.tokens.toLocaleString(locale)}`}</title>
              </rect>
              {i % every === 0 ? (
                <text x={i * slot + slot / 2} y={HEIGHT + AXIS - 4} textAnchor="middle" className="usage-chart__tick">
                  {shortDay(d.day, locale)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details className="usage-chart__details">
        <summary>{t('usage.table.showAsTable')}</summary>
        <table className="usage-table">
          <thead>
            <tr>
              <th scope="col">{t('usage.table.day')}</th>
              <th scope="col">{t('usage.metric.tokens')}</th>
              <th scope="col">{t('usage.metric.toolCalls')}</th>
              <th scope="col">{t('usage.metric.messages')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{shortDay(d.day, locale)}</th>
                <td>{d.tokens.toLocaleString(locale)}</td>
                <td>{d.toolCalls.toLocaleString(locale)}</td>
                <td>{d.messages.toLocaleString(locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
