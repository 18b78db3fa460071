/**
 * The usage page of a workspace: today's use against the workspace's daily
 * limits, model tokens per day (a chart), per member and per digital human
 * over a period, and the daily limits (editable by owners and admins). It
 * refreshes when the audit trail changes (usage is read from it).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { QuotaSettings, UsageReport } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { Dialog } from '../../lib/ui/Dialog';
import { SegmentedControl } from '../settings/SegmentedControl';
import { DayBars } from './DayBars';
import { QuotaForm } from './QuotaForm';
import { ShareBars } from './ShareBars';

type Period = '7' | '14' | '30';

export function UsageDialog({ workspaceId, workspaceName, onClose }: { workspaceId: string; workspaceName: string | null; onClose(): void }): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [period, setPeriod] = useState<Period>('14');
  const [report, setReport] = useState<UsageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.invoke('usage.get', { workspaceId, days: Number(period) }).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (err: unknown) => setError(errorMessage(err, t)),
    );
  }, [workspaceId, period, t]);
  useEffect(() => {
    load();
    return api.on('audit.changed', (e) => {
      if (e.workspaceId === workspaceId) load();
    });
  }, [load, workspaceId]);
  const saved = (quotas: QuotaSettings): void => setReport((r) => (r ? { ...r, quotas } : r));
  const meter = (metric: 'tokens' | 'toolCalls' | 'messages'): ReactNode => {
    if (!report) return null;
    const used = report.today[metric].toLocaleString(locale);
    const limit = report.quotas.workspace[metric];
    return (
      <div className="usage-today__item" key={metric}>
        <dt>{t(`usage.metric.${metric}`)}</dt>
        <dd data-testid={`usage-today-${metric}`}>{limit === null ? t('usage.noLimit', { used }) : t('usage.ofLimit', { used, limit: limit.toLocaleString(locale) })}</dd>
      </div>
    );
  };
  return (
    <Dialog title={workspaceName ? t('usage.title', { name: workspaceName }) : t('usage.titleNoName')} onClose={onClose} testId="usage-dialog" size="large">
      <div className="usage">
        <SegmentedControl<Period>
          label={t('usage.period')}
          value={period}
          options={(['7', '14', '30'] as const).map((v) => ({ value: v, label: t('usage.period.days', { count: v }) }))}
          onChange={setPeriod}
          testIdPrefix="usage-period"
        />
        {error ? (
          <p className="form-error" role="alert">
            {t('usage.loadFailed', { reason: error })}
          </p>
        ) : null}
        {!report ? (
          <p className="field__hint">{t('usage.loading')}</p>
        ) : (
          <>
            <section aria-label={t('usage.today')}>
              <h3 className="usage-share__title">{t('usage.today')}</h3>
              <dl className="usage-today">{(['tokens', 'toolCalls', 'messages'] as const).map(meter)}</dl>
            </section>
            <DayBars days={report.days} locale={locale} />
            <div className="usage__columns">
              <ShareBars title={t('usage.perMember')} rows={report.members} locale={locale} testId="usage-members" />
              <ShareBars title={t('usage.perDh')} rows={report.dhs} locale={locale} testId="usage-dhs" />
            </div>
            <QuotaForm key={workspaceId} workspaceId={workspaceId} quotas={report.quotas} onSaved={saved} />
          </>
        )}
      </div>
    </Dialog>
  );
}
