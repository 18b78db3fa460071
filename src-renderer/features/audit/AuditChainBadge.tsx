/**
 * Says whether the audit trail is intact: every device's signed chain
 * checked (`audit.verify`). Intact: a green badge with how many signed
 * entries were checked and, apart, how many older entries are unsigned.
 * Broken: a red badge and the first broken link (which entry, device and
 * place in the chain, and why), with what to do.
 */
import type { ReactNode } from 'react';
import type { AuditVerification } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { usePlural, useT } from '../../lib/i18n/I18nProvider';

interface AuditChainBadgeProps {
  verification: AuditVerification | null;
  error: unknown;
}

export function AuditChainBadge({ verification, error }: AuditChainBadgeProps): ReactNode {
  const t = useT();
  const plural = usePlural();
  if (error) {
    return (
      <p className="audit-chain audit-chain--unknown" role="status" data-testid="audit-chain" data-state="error">
        {t('audit.chain.error', { reason: errorMessage(error, t) })}
      </p>
    );
  }
  if (!verification) {
    return (
      <p className="audit-chain audit-chain--unknown" role="status" data-testid="audit-chain" data-state="checking">
        {t('audit.chain.checking')}
      </p>
    );
  }
  if (verification.intact) {
    return (
      <div className="audit-chain audit-chain--intact" role="status" data-testid="audit-chain" data-state="intact">
        <span className="audit-chain__badge">
          <span aria-hidden="true">✓</span>
          {t('audit.chain.intact')}
        </span>
        <span className="audit-chain__detail">
          {plural('audit.chain.signed', verification.signedEntries)}
          {verification.unsignedEntries > 0 ? ` · ${plural('audit.chain.unsigned', verification.unsignedEntries)}` : ''}
        </span>
      </div>
    );
  }
  const b = verification.firstBroken;
  return (
    <div className="audit-chain audit-chain--broken" role="alert" data-testid="audit-chain" data-state="broken" data-reason={b?.reason}>
      <span className="audit-chain__badge">
        <span aria-hidden="true">⚠</span>
        {t('audit.chain.broken')}
      </span>
      {b ? (
        <span className="audit-chain__detail">
          {t('audit.chain.brokenAt', {
            entry: b.entryId ?? '—',
            device: b.deviceId ?? '—',
            seq: b.seq ?? '—',
            reason: t(`audit.chain.reason.${b.reason}`),
          })}{' '}
          {t('audit.chain.whatToDo')}
        </span>
      ) : null}
    </div>
  );
}
