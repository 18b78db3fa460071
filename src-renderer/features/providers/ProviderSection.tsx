/**
 * The "Model provider" section of the settings: the device's connections
 * (set once), then, for the active workspace, which one it uses or its own
 * provider form with its connection test, and the token usage table.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';
import { ConnectionsSection, useConnections } from './ConnectionsSection';
import { ProviderForm } from './ProviderForm';
import { ProviderTestButton } from './ProviderTestButton';
import { TokenUsageTable } from './TokenUsageTable';
import { useProviderState } from './useProviderState';
import { WorkspaceModelChoice } from './WorkspaceModelChoice';

interface ProviderSectionProps {
  /** The active workspace (null when none is open). */
  workspaceId: string | null;
}

export function ProviderSection({ workspaceId }: ProviderSectionProps): ReactNode {
  const t = useT();
  const { state, error, replace } = useProviderState(workspaceId);
  const workspaceName = useWorkspaceName(workspaceId);
  const [dirty, setDirty] = useState(false);
  const [testRuns, setTestRuns] = useState(0);
  const [own, setOwn] = useState(false);
  const connections = useConnections();
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);
  // A test makes a 1-token request: the usage table shows it.
  const onTested = useCallback(() => setTestRuns((n) => n + 1), []);

  if (workspaceId === null) return <p className="field__hint">{t('providers.noWorkspace')}</p>;
  if (error) return <FormError message={`${t('providers.loadFailed')} ${error}`} testId="provider-load-error" />;
  if (!state) return <p className="field__hint">{t('providers.loading')}</p>;
  const label = workspaceName === null ? t('providers.thisWorkspace') : t('providers.workspaceQuoted', { name: workspaceName });
  const showOwn = own || state.source === 'workspace';
  return (
    <div className="provider-section" data-testid="provider-section">
      <ConnectionsSection presets={state.presets} connections={connections} />
      <WorkspaceModelChoice
        state={state}
        workspaceLabel={label}
        connections={connections ?? []}
        own={showOwn}
        onOwn={() => setOwn(true)}
        onSaved={(next) => {
          setOwn(false);
          replace(next);
        }}
      />
      {showOwn ? (
        <>
          <p className="field__hint">{t('providers.intro', { workspace: label })}</p>
          {state.config === null ? (
            <p className="provider-section__notice" data-testid="provider-not-set">
              {t('providers.notSet')}
            </p>
          ) : null}
          <ProviderForm key={workspaceId} state={state} onSaved={replace} onDirtyChange={onDirtyChange} />
        </>
      ) : null}
      <ProviderTestButton
        workspaceId={workspaceId}
        dirty={showOwn && dirty}
        configured={state.source !== 'none'}
        onTested={onTested}
        target={state.config ?? state.connection}
        presets={state.presets}
      />
      <TokenUsageTable workspaceId={workspaceId} refreshKey={testRuns} />
    </div>
  );
}

/** The name of workspace `id`, for the section's first sentence. */
function useWorkspaceName(id: string | null): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null);
    if (id === null) return undefined;
    let cancelled = false;
    api.invoke('workspace.list', { includeArchived: true }).then(
      (list) => {
        if (!cancelled) setName(list.find((w) => w.id === id)?.name ?? null);
      },
      (err: unknown) => console.error('Loading the workspace name failed', err),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);
  return name;
}
