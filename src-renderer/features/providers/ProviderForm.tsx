/**
 * The provider form of one workspace: preset, server address, chat and
 * embeddings models, the write-only API key. Saved with `provider.set`; the
 * core checks every value and its message appears under the form.
 */
import { useEffect, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ProviderPresetId, ProviderState } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { CheckIcon } from '../../lib/ui/icons';
import { FormError, TextField } from '../../lib/ui/TextField';
import { ApiKeyField } from './ApiKeyField';
import { initialValues, isDirty, switchPreset, type ProviderFormValues } from './providerFormState';

interface ProviderFormProps {
  state: ProviderState;
  onSaved(state: ProviderState): void;
  /** Told whether the form holds unsaved changes (the connection test uses the saved provider). */
  onDirtyChange(dirty: boolean): void;
}

export function ProviderForm({ state, onSaved, onDirtyChange }: ProviderFormProps): ReactNode {
  const t = useT();
  const presetId = useId();
  const chatListId = useId();
  const embeddingsListId = useId();
  const [values, setValues] = useState<ProviderFormValues>(() => initialValues(state.config, state.presets));
  const [apiKey, setApiKey] = useState('');
  const [removingKey, setRemovingKey] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const preset = state.presets.find((p) => p.id === values.preset);
  const dirty = isDirty(values, state.config) || apiKey !== '' || removingKey;

  // Another window or the CLI may change the provider while this form is open.
  useEffect(() => {
    setValues(initialValues(state.config, state.presets));
    setApiKey('');
    setRemovingKey(false);
  }, [state]);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  function edit(patch: Partial<ProviderFormValues>): void {
    setValues((v) => ({ ...v, ...patch }));
    setStatus('idle');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (status === 'saving') return;
    setStatus('saving');
    setError(null);
    const embeddingsModel = values.embeddingsModel.trim();
    const dimensions = values.embeddingsDimensions.trim();
    try {
      const saved = await api.invoke('provider.set', {
        workspaceId: state.workspaceId,
        preset: values.preset,
        baseUrl: values.baseUrl,
        chatModel: values.chatModel,
        embeddingsModel: embeddingsModel === '' ? null : embeddingsModel,
        embeddingsDimensions: embeddingsModel === '' || dimensions === '' ? null : Number(dimensions),
        ...(apiKey.trim() !== '' ? { apiKey: apiKey.trim() } : removingKey ? { apiKey: null } : {}),
      });
      onSaved(saved);
      setStatus('saved');
    } catch (err) {
      setError(errorMessage(err, t));
      setStatus('idle');
    }
  }

  return (
    <form className="form form--compact provider-form" onSubmit={(e) => void submit(e)} noValidate data-testid="provider-form">
      <div className="field">
        <label className="field__label" htmlFor={presetId}>
          {t('providers.preset')}
        </label>
        <select
          id={presetId}
          className="input provider-form__select"
          value={values.preset}
          onChange={(e) => edit(switchPreset(values, e.target.value as ProviderPresetId, state.presets))}
          data-testid="provider-preset"
        >
          {state.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.local ? t('providers.presetLocal', { label: p.label }) : p.label}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('providers.baseUrl')}
        value={values.baseUrl}
        placeholder={preset?.defaultBaseUrl || 'https://api.example.com/v1'}
        hint={t('providers.baseUrlHint')}
        onChange={(e) => edit({ baseUrl: e.target.value })}
        spellCheck={false}
        inputMode="url"
        testId="provider-base-url"
      />
      <div className="form__grid">
        <TextField
          label={t('providers.chatModel')}
          value={values.chatModel}
          list={chatListId}
          placeholder={preset?.chatModels[0] ?? ''}
          onChange={(e) => edit({ chatModel: e.target.value })}
          spellCheck={false}
          testId="provider-chat-model"
        />
        <TextField
          label={t('providers.embeddingsModel')}
          value={values.embeddingsModel}
          list={embeddingsListId}
          placeholder={preset?.embeddingsModels[0] ?? ''}
          onChange={(e) => edit({ embeddingsModel: e.target.value })}
          spellCheck={false}
          testId="provider-embeddings-model"
        />
      </div>
      <datalist id={chatListId}>
        {preset?.chatModels.map((m) => <option key={m} value={m} />)}
      </datalist>
      <datalist id={embeddingsListId}>
        {preset?.embeddingsModels.map((m) => <option key={m} value={m} />)}
      </datalist>
      <p className="field__hint provider-form__embeddings-hint">{t('providers.embeddingsHint')}</p>
      {values.embeddingsModel.trim() !== '' ? (
        <TextField
          label={t('providers.embeddingsDimensions')}
          value={values.embeddingsDimensions}
          hint={t('providers.embeddingsDimensionsHint')}
          inputMode="numeric"
          className="provider-form__dimensions"
          onChange={(e) => edit({ embeddingsDimensions: e.target.value.replace(/\D/g, '').slice(0, 4) })}
          testId="provider-embeddings-dimensions"
        />
      ) : null}
      <ApiKeyField
        preset={preset}
        hasApiKey={state.hasApiKey}
        keychain={state.keychain}
        value={apiKey}
        removing={removingKey}
        onChange={(v) => {
          setApiKey(v);
          setStatus('idle');
        }}
        onRemovingChange={(r) => {
          setRemovingKey(r);
          setStatus('idle');
        }}
      />
      {error ? <FormError message={error} testId="provider-error" /> : null}
      <div className="form__actions">
        {status === 'saved' && !dirty ? (
          <span className="saved-note" role="status" data-testid="provider-saved">
            <CheckIcon width={16} height={16} />
            {t('common.saved')}
          </span>
        ) : null}
        <button type="submit" className="button button--primary" disabled={!dirty || status === 'saving'} data-testid="provider-save">
          {status === 'saving' ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
