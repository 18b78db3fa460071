/**
 * One entry of the audit trail as a table row. The outcome carries a sign
 * as well as a colour (✓ allowed, ⊘ denied, ! failed) so it reads without
 * colour too; a long detail folds behind a disclosure. The entry where
 * the trail's chain breaks is marked, in words as well as colour.
 */
import type { ReactNode } from 'react';
import type { AuditEntry } from '../../../src-main/common/contract';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { formatDateTime, formatWhen } from '../rooms/timeline/formatTime';
import { describeResource, type AuditNames } from './auditNames';

interface AuditRowProps {
  entry: AuditEntry;
  names: AuditNames;
  /** This entry is the first broken link of the trail's chain. */
  broken?: boolean;
}

const OUTCOME_SIGNS: Record<AuditEntry['outcome'], string> = { allowed: '✓', denied: '⊘', failed: '!' };
/** A detail longer than this folds. */
const DETAIL_FOLD = 160;

export function AuditRow({ entry, names, broken = false }: AuditRowProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const actor = entry.actorKind === 'system' ? t('audit.actor.system') : (names.actors.get(entry.actorId) ?? entry.actorId);
  const forName = entry.onBehalfOf !== null ? (names.actors.get(entry.onBehalfOf) ?? entry.onBehalfOf) : null;
  const resource = describeResource(entry.resource, names);
  return (
    <tr
      className={`audit-row audit-row--${entry.outcome}${broken ? ' audit-row--broken' : ''}`}
      data-testid={`audit-entry-${entry.id}`}
      data-outcome={entry.outcome}
      data-action={entry.action}
      data-broken={broken || undefined}
    >
      <td className="audit-row__time">
        <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at, locale)}>
          {formatWhen(entry.at, locale, t)}
        </time>
      </td>
      <td>
        <span className="audit-row__actor">{actor}</span>
        <span className="audit-row__sub">{t(`audit.actor.kind.${entry.actorKind}`)}</span>
        {broken ? (
          <span className="audit-row__broken">
            <span aria-hidden="true">⚠ </span>
            {t('audit.chain.brokenHere')}
          </span>
        ) : null}
        {forName !== null ? <span className="audit-row__sub">{t('audit.onBehalfOf', { name: forName })}</span> : null}
      </td>
      <td>
        <code className="audit-row__code">{entry.action}</code>
      </td>
      <td className="audit-row__resource" title={resource === entry.resource ? undefined : entry.resource}>
        {resource}
      </td>
      <td>
        <span className={`audit-outcome audit-outcome--${entry.outcome}`}>
          <span aria-hidden="true">{OUTCOME_SIGNS[entry.outcome]}</span>
          {t(`audit.outcome.${entry.outcome}`)}
        </span>
      </td>
      <td className="audit-row__detail">
        {entry.detail.length > DETAIL_FOLD ? (
          <details>
            <summary>{`${entry.detail.slice(0, DETAIL_FOLD)}…`}</summary>
            <p>{entry.detail}</p>
          </details>
        ) : (
          entry.detail
        )}
      </td>
    </tr>
  );
}
