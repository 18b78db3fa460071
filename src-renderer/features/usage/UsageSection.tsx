/**
 * The "Usage" block of the settings: what it shows, and a button that opens
 * the usage page of the active workspace over the settings.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { UsageDialog } from './UsageDialog';

export function UsageSection({ workspaceId }: { workspaceId: string | null }): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null);
    if (workspaceId === null) return undefined;
    let cancelled = false;
    api.invoke('workspace.list', { includeArchived: true }).then(
      (list) => {
        if (!cancelled) setName(list.find((w) => w.id === workspaceId)?.name ?? null);
      },
      (err: unknown) => console.error('Loading the workspace name failed', err),
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);
  if (workspaceId === null) return <p className="field__hint">{t('usage.section.noWorkspace')}</p>;
  return (
    <div className="audit-section">
      <p className="field__hint">{t('usage.section.hint')}</p>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="settings-open-usage">
        {t('usage.open')}
      </button>
      {open ? <UsageDialog workspaceId={workspaceId} workspaceName={name} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
