/**
 * Adds or edits a model connection of the device: name, preset, server
 * address, API key and model. "Test" works on what is typed, before saving:
 * it loads the server's models into the model field's list (free text stays
 * possible) and, with a model, makes a 1-token chat. A failure is said in
 * plain words next to the field it concerns, the technical sentence behind
 * "Details".
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Connection, ProviderPreset, ProviderPresetId, ProviderTestResult } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { connectionProblem } from './connectionProblem';

interface ConnectionFormProps {
  presets: readonly ProviderPreset[];
  /** The connection to edit, or null for a new one. */
  editing: Connection | null;
  onSaved(connection: Connection): void;
  onCancel(): void;
}

type Field = 'baseUrl' | 'apiKey' | 'chatModel';

export function ConnectionForm({ presets, editing, onSaved, onCancel }: ConnectionFormProps): ReactNode {
  const t = useT();
  const presetId = useId();
  const listId = useId();
  const [name, setName] = useState(editing?.name ?? '');
  const [preset, setPreset] = useState<ProviderPresetId>(editing?.preset ?? 'ollama');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? presets.find((p) => p.id === 'ollama')?.defaultBaseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [chatModel, setChatModel] = useState(editing?.chatModel ?? '');
  const [models, setModels] = useState<string[]>([]);
  const [result, setResult] = useState<ProviderTestResult | null>(null);
  const [missing, setMissing] = useState<'name' | 'model' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const chosen = presets.find((p) => p.id === preset);

  useEffect(() => setResult(null), [baseUrl, apiKey, preset]);

  function choosePreset(id: ProviderPresetId): void {
    const next = presets.find((p) => p.id === id);
    setPreset(id);
    if (next && next.defaultBaseUrl !== '') setBaseUrl(next.defaultBaseUrl);
    if (next && name.trim() === '') setName(next.label);
  }

  async function test(): Promise<void> {
    setBusy('test');
    setError(null);
    try {
      const model = chatModel.trim();
      const outcome = await api.invoke('connection.test', {
        ...(editing ? { id: editing.id } : {}),
        preset,
        baseUrl,
        ...(model !== '' ? { chatModel: model } : {}),
        ...(apiKey.trim() !== '' ? { apiKey } : {}),
      });
      if (outcome.models) setModels(outcome.models);
      setResult(outcome);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (name.trim() === '' || chatModel.trim() === '') {
      setMissing(name.trim() === '' ? 'name' : 'model');
      return;
    }
    setBusy('save');
    setError(null);
    try {
      const saved = await api.invoke('connection.save', {
        ...(editing ? { id: editing.id } : {}),
        name,
        preset,
        baseUrl,
        chatModel: chatModel.trim(),
        ...(apiKey.trim() !== '' ? { apiKey } : {}),
      });
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(null);
    }
  }

  const problemAt = (field: Field): string | null =>
    result && !result.ok && result.field === field ? connectionProblem(result, { baseUrl, chatModel, preset: chosen }, t) : null;
  const details = result && !result.ok ? result.message : null;

  return (
    <form className="form connection-form" onSubmit={(e) => void submit(e)} noValidate data-testid="connection-form">
      <div className="form__grid">
        <TextField
          label={t('connections.name')}
          value={name}
          placeholder={t('connections.namePlaceholder')}
          error={missing === 'name' ? t('connections.problem.nameMissing') : null}
          onChange={(e) => {
            setName(e.target.value);
            setMissing(null);
          }}
          testId="connection-name"
          maxLength={80}
        />
        <div className="field">
          <label className="field__label" htmlFor={presetId}>
            {t('providers.preset')}
          </label>
          <select id={presetId} className="input" value={preset} onChange={(e) => choosePreset(e.target.value as ProviderPresetId)} data-testid="connection-preset">
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.local ? t('providers.presetLocal', { label: p.label }) : p.label}
              </option>
            ))}
          </select>
        </div>
        <TextField label={t('providers.baseUrl')} value={baseUrl} hint={t('providers.baseUrlHint')} error={problemAt('baseUrl')} onChange={(e) => setBaseUrl(e.target.value)} testId="connection-base-url" inputMode="url" spellCheck={false} />
        <TextField
          label={t('providers.apiKey')}
          type="password"
          value={apiKey}
          placeholder={editing?.hasApiKey ? t('providers.apiKeyReplacePlaceholder') : t('providers.apiKeyPlaceholder')}
          hint={chosen?.requiresApiKey ? t('providers.apiKeyRequired') : t('providers.apiKeyOptional')}
          error={problemAt('apiKey')}
          onChange={(e) => setApiKey(e.target.value)}
          testId="connection-api-key"
          autoComplete="off"
        />
        <TextField
          label={t('connections.model')}
          value={chatModel}
          list={listId}
          hint={t('connections.modelHint')}
          error={missing === 'model' ? t('connections.problem.modelMissing') : problemAt('chatModel')}
          onChange={(e) => {
            setChatModel(e.target.value);
            setMissing(null);
          }}
          testId="connection-model"
          spellCheck={false}
        />
        <datalist id={listId} data-testid="connection-model-list">
          {[...new Set([...models, ...(chosen?.chatModels ?? [])])].map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      {result?.ok ? (
        <p className="connection-form__ok" role="status" data-testid="connection-test-ok">
          {result.latencyMs !== null ? t('connections.ok', { model: chatModel, ms: result.latencyMs }) : t('connections.okList', { count: result.models?.length ?? 0 })}
        </p>
      ) : null}
      {details ? (
        <details className="connection-form__details" data-testid="connection-test-details">
          <summary>{t('connections.details')}</summary>
          <p>{details}</p>
        </details>
      ) : null}
      {error ? <FormError message={error} testId="connection-error" /> : null}
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button" onClick={() => void test()} disabled={busy !== null || baseUrl.trim() === ''} data-testid="connection-test">
          {busy === 'test' ? t('connections.testing') : t('connections.test')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy !== null} data-testid="connection-save">
          {busy === 'save' ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
