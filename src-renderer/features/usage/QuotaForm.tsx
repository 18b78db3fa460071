/**
 * The daily limits of a workspace: for the whole workspace, each member and
 * each digital human; tokens, tool calls and messages. Owners and admins
 * edit them (an empty field is no limit); others see them read-only.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { QuotaLimitsView, QuotaSettings } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';

type Scope = 'workspace' | 'member' | 'dh';
type Metric = keyof QuotaLimitsView;
const SCOPES: readonly Scope[] = ['workspace', 'member', 'dh'];
const METRICS: readonly Metric[] = ['tokens', 'toolCalls', 'messages'];

type Draft = Record<Scope, Record<Metric, string>>;

function draftOf(q: QuotaSettings): Draft {
  const one = (l: QuotaLimitsView): Record<Metric, string> => ({ tokens: l.tokens?.toString() ?? '', toolCalls: l.toolCalls?.toString() ?? '', messages: l.messages?.toString() ?? '' });
  return { workspace: one(q.workspace), member: one(q.member), dh: one(q.dh) };
}

function parse(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  return /^\d{1,13}$/.test(s) && Number(s) <= 1e12 ? Number(s) : undefined;
}

export function QuotaForm({ workspaceId, quotas, onSaved }: { workspaceId: string; quotas: QuotaSettings; onSaved(q: QuotaSettings): void }): ReactNode {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(quotas));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = SCOPES.map((scope) => [scope, Object.fromEntries(METRICS.map((m) => [m, parse(draft[scope][m])]))] as const);
    if (parsed.some(([, l]) => Object.values(l).some((v) => v === undefined))) {
      setStatus({ kind: 'error', text: t('usage.quotas.invalid') });
      return;
    }
    setBusy(true);
    setStatus(null);
    (async () => {
      let last = quotas;
      for (const [scope, limits] of parsed) last = await api.invoke('quota.set', { workspaceId, scope, limits: limits as QuotaLimitsView });
      onSaved(last);
      setStatus({ kind: 'ok', text: t('usage.quotas.saved') });
    })()
      .catch((err: unknown) => setStatus({ kind: 'error', text: errorMessage(err, t) }))
      .finally(() => setBusy(false));
  };
  const readOnly = !quotas.canEdit;
  return (
    <form className="quota-form" onSubmit={submit} data-testid="quota-form">
      <h3 className="usage-share__title">{t('usage.quotas')}</h3>
      <p className="field__hint">{readOnly ? t('usage.quotas.readOnly') : t('usage.quotas.hint')}</p>
      <table className="quota-form__grid">
        <thead>
          <tr>
            <td />
            {METRICS.map((m) => (
              <th key={m} scope="col">
                {t(`usage.metric.${m}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SCOPES.map((scope) => (
            <tr key={scope}>
              <th scope="row">{t(`usage.quotas.${scope}`)}</th>
              {METRICS.map((m) => (
                <td key={m}>
                  <input
                    className="input quota-form__input"
                    inputMode="numeric"
                    aria-label={`${t(`usage.quotas.${scope}`)} · ${t(`usage.metric.${m}`)}`}
                    placeholder={t('usage.quotas.placeholder')}
                    value={draft[scope][m]}
                    readOnly={readOnly}
                    onChange={(e) => setDraft({ ...draft, [scope]: { ...draft[scope], [m]: e.target.value } })}
                    data-testid={`quota-${scope}-${m}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {readOnly ? null : (
        <div className="quota-form__actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="quota-save">
            {t('usage.quotas.save')}
          </button>
          {status ? (
            <span className={status.kind === 'ok' ? 'field__hint' : 'form-error'} role={status.kind === 'ok' ? 'status' : 'alert'} data-testid="quota-status">
              {status.text}
            </span>
          ) : null}
        </div>
      )}
    </form>
  );
}
