/**
 * The device's model connections in the settings: each one's name, server
 * and model, which is the default, and the form to add or edit one. Kept
 * current by `connections.changed` (another window, the CLI).
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Connection, ProviderPreset } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError } from '../../lib/ui/TextField';
import { ConnectionForm } from './ConnectionForm';

/** The device's connections, live (null while loading). */
export function useConnections(): Connection[] | null {
  const { generation } = useConnection();
  const [list, setList] = useState<Connection[] | null>(null);
  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    const unsubscribe = api.on('connections.changed', (event) => setList(event.connections));
    api.invoke('connection.list', {}).then(
      (next) => !cancelled && setList(next),
      (err: unknown) => console.error('Loading the model connections failed', err),
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [generation]);
  return list;
}

interface ConnectionsSectionProps {
  presets: readonly ProviderPreset[];
  connections: Connection[] | null;
}

export function ConnectionsSection({ presets, connections }: ConnectionsSectionProps): ReactNode {
  const t = useT();
  const [editing, setEditing] = useState<Connection | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  function act(run: Promise<unknown>): void {
    setError(null);
    run.catch((err: unknown) => setError(errorMessage(err, t)));
  }

  return (
    <section className="connections" aria-labelledby="connections-title" data-testid="connections-section">
      <h3 id="connections-title" className="connections__title">
        {t('connections.title')}
      </h3>
      <p className="field__hint">{t('connections.intro')}</p>
      {connections !== null && connections.length === 0 && editing === null ? <p className="provider-section__notice">{t('connections.none')}</p> : null}
      <ul className="connections__list">
        {(connections ?? []).map((c) => (
          <li key={c.id} className="connections__item" data-testid={`connection-${c.id}`}>
            <span className="connections__name">{c.name}</span>
            {c.isDefault ? <span className="connections__badge">{t('connections.default')}</span> : null}
            <span className="connections__meta">
              {c.baseUrl} · {c.chatModel}
            </span>
            <span className="connections__actions">
              {!c.isDefault ? (
                <button type="button" className="button button--small" onClick={() => act(api.invoke('connection.save', { id: c.id, name: c.name, preset: c.preset, baseUrl: c.baseUrl, chatModel: c.chatModel, makeDefault: true }))}>
                  {t('connections.makeDefault')}
                </button>
              ) : null}
              <button type="button" className="button button--small" onClick={() => setEditing(c)} data-testid={`connection-edit-${c.id}`}>
                {t('connections.edit')}
              </button>
              <button type="button" className="button button--small" onClick={() => act(api.invoke('connection.delete', { id: c.id }))} data-testid={`connection-delete-${c.id}`}>
                {t('connections.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {error ? <FormError message={error} testId="connections-error" /> : null}
      {editing === null ? (
        <button type="button" className="button" onClick={() => setEditing('new')} data-testid="connection-add">
          {t('connections.add')}
        </button>
      ) : (
        <ConnectionForm
          key={editing === 'new' ? 'new' : editing.id}
          presets={presets}
          editing={editing === 'new' ? null : editing}
          onSaved={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}
