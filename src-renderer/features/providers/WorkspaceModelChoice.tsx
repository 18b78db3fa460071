/**
 * Which model a workspace uses: the device default connection, another
 * connection of the device, or its own server and key (the form below it).
 */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { Connection, ProviderState } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';

interface WorkspaceModelChoiceProps {
  state: ProviderState;
  workspaceLabel: string;
  connections: Connection[];
  /** True while the person is filling in the workspace's own provider. */
  own: boolean;
  onOwn(): void;
  onSaved(state: ProviderState): void;
}

const DEFAULT = 'default';
const OWN = 'own';

export function WorkspaceModelChoice({ state, workspaceLabel, connections, own, onOwn, onSaved }: WorkspaceModelChoiceProps): ReactNode {
  const t = useT();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const fallback = connections.find((c) => c.isDefault);
  const value = own || state.source === 'workspace' ? OWN : (state.connectionId ?? DEFAULT);

  function choose(next: string): void {
    setError(null);
    if (next === OWN) return onOwn();
    api.invoke('provider.use', { workspaceId: state.workspaceId, connectionId: next === DEFAULT ? null : next }).then(onSaved, (err: unknown) => setError(errorMessage(err, t)));
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('connections.workspace.label', { workspace: workspaceLabel })}
      </label>
      <select id={id} className="input" value={value} onChange={(e) => choose(e.target.value)} data-testid="workspace-model-choice">
        <option value={DEFAULT}>{fallback ? t('connections.workspace.default', { name: fallback.name }) : t('connections.workspace.defaultNone')}</option>
        {connections
          .filter((c) => !c.isDefault)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        <option value={OWN}>{t('connections.workspace.own')}</option>
      </select>
      {value === OWN ? <p className="field__hint">{t('connections.workspace.ownHint')}</p> : null}
      {error ? <FormError message={error} testId="workspace-model-error" /> : null}
    </div>
  );
}
