/**
 * Tokens used on this device in the last 30 days, per day and digital
 * human, with the models used. Digital humans are named from the
 * workspace's members; a removed one shows as its id.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { TokenUsage } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';
import { groupUsage } from './groupUsage';

interface TokenUsageTableProps {
  workspaceId: string;
  /** Changes when something may have used tokens (a connection test), to reload. */
  refreshKey: number;
}

export function TokenUsageTable({ workspaceId, refreshKey }: TokenUsageTableProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [usage, setUsage] = useState<TokenUsage | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    Promise.all([api.invoke('usage.list', { workspaceId, days: 30 }), api.invoke('member.list', { workspaceId })]).then(
      ([next, members]) => {
        if (cancelled) return;
        setUsage(next);
        setNames(new Map(members.filter((m) => m.kind === 'dh').map((m) => [m.id, m.displayName])));
      },
      (err: unknown) => {
        if (!cancelled) setError(errorMessage(err, t));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, refreshKey, tick, t]);

  const format = (n: number): string => n.toLocaleString(locale);
  const { lines, total } = groupUsage(usage?.rows ?? []);
  return (
    <div className="token-usage" data-testid="token-usage">
      <div className="token-usage__head">
        <h4 className="token-usage__title">{t('providers.usage')}</h4>
        <button type="button" className="button button--small" onClick={reload} data-testid="token-usage-refresh">
          {t('providers.usageRefresh')}
        </button>
      </div>
      {error ? <FormError message={error} testId="token-usage-error" /> : null}
      {usage && lines.length === 0 ? <p className="field__hint">{t('providers.usageEmpty')}</p> : null}
      {lines.length > 0 ? (
        <div className="token-usage__scroll" tabIndex={0} role="region" aria-label={t('providers.usage')}>
          <table className="token-usage__table">
            <thead>
              <tr>
                <th scope="col">{t('providers.usageDay')}</th>
                <th scope="col">{t('providers.usageDh')}</th>
                <th scope="col">{t('providers.usageModels')}</th>
                <th scope="col" className="token-usage__num">
                  {t('providers.usageIn')}
                </th>
                <th scope="col" className="token-usage__num">
                  {t('providers.usageOut')}
                </th>
                <th scope="col" className="token-usage__num">
                  {t('providers.usageRequests')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={`${line.day}/${line.dhId ?? ''}`} data-testid="token-usage-row">
                  <td>{line.day}</td>
                  <td>{line.dhId === null ? <span className="muted">{t('providers.usageNoDh')}</span> : (names.get(line.dhId) ?? line.dhId)}</td>
                  <td className="token-usage__models">{line.models.join(', ')}</td>
                  <td className="token-usage__num">{format(line.promptTokens)}</td>
                  <td className="token-usage__num">{format(line.completionTokens)}</td>
                  <td className="token-usage__num">{format(line.requests)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('providers.usageTotal')}
                </th>
                <td className="token-usage__num">{format(total.promptTokens)}</td>
                <td className="token-usage__num">{format(total.completionTokens)}</td>
                <td className="token-usage__num">{format(total.requests)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </div>
  );
}
