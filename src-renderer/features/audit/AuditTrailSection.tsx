/**
 * The "Audit trail" block of the settings: what it holds, and a button that
 * opens the trail of the active workspace over the settings.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { AuditDialog } from './AuditDialog';

interface AuditTrailSectionProps {
  /** The active workspace (null when none is open). */
  workspaceId: string | null;
}

export function AuditTrailSection({ workspaceId }: AuditTrailSectionProps): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [workspaceName, setWorkspaceName] = useState<string | null>(null);

  useEffect(() => {
    setWorkspaceName(null);
    if (workspaceId === null) return undefined;
    let cancelled = false;
    api.invoke('workspace.list', { includeArchived: true }).then(
      (list) => {
        if (!cancelled) setWorkspaceName(list.find((w) => w.id === workspaceId)?.name ?? null);
      },
      (err: unknown) => console.error('Loading the workspace name failed', err),
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);

  if (workspaceId === null) return <p className="field__hint">{t('audit.section.noWorkspace')}</p>;
  return (
    <div className="audit-section">
      <p className="field__hint">{t('audit.section.hint')}</p>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="settings-open-audit">
        {t('audit.open')}
      </button>
      {open ? <AuditDialog workspaceId={workspaceId} workspaceName={workspaceName} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
