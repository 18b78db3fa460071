/**
 * The write-only API key field: it never shows a saved key (the core never
 * sends it), only that one is saved in the keychain. Typing a key replaces
 * it on save; "Remove key" deletes it on save.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { KeychainStatus, ProviderPreset } from '../../../src-main/common/contract';
import { useT } from '../../lib/i18n/I18nProvider';
import { openExternalLink } from '../../lib/openExternalLink';
import { CheckIcon, WarningIcon } from '../../lib/ui/icons';

interface ApiKeyFieldProps {
  preset: ProviderPreset | undefined;
  hasApiKey: boolean;
  keychain: KeychainStatus;
  value: string;
  removing: boolean;
  onChange(value: string): void;
  onRemovingChange(removing: boolean): void;
}

export function ApiKeyField({ preset, hasApiKey, keychain, value, removing, onChange, onRemovingChange }: ApiKeyFieldProps): ReactNode {
  const t = useT();
  const id = useId();
  const hintId = useId();
  const saved = hasApiKey && !removing;
  const hint = !keychain.available ? t('providers.keychainMissing') : preset?.requiresApiKey && !hasApiKey ? t('providers.apiKeyRequired') : preset?.requiresApiKey ? t('providers.apiKeyHint') : t('providers.apiKeyOptional');
  return (
    <div className="field provider-key" data-testid="provider-api-key-field">
      <div className="provider-key__head">
        <label className="field__label" htmlFor={id}>
          {t('providers.apiKey')}
        </label>
        {saved ? (
          <span className="status-pill status-pill--ok" data-testid="provider-api-key-saved">
            <CheckIcon width={14} height={14} />
            {t('providers.apiKeySaved')}
          </span>
        ) : preset?.requiresApiKey && value === '' ? (
          <span className="status-pill status-pill--warn" data-testid="provider-api-key-missing">
            <WarningIcon width={14} height={14} />
            {t('providers.apiKeyNone')}
          </span>
        ) : null}
      </div>
      <div className="provider-key__row">
        <input
          id={id}
          className="input"
          type="password"
          value={value}
          placeholder={hasApiKey ? t('providers.apiKeyReplacePlaceholder') : t('providers.apiKeyPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          disabled={!keychain.available}
          aria-describedby={hintId}
          onChange={(e) => {
            onChange(e.target.value);
            if (e.target.value !== '') onRemovingChange(false);
          }}
          data-testid="provider-api-key"
        />
        {hasApiKey && !removing ? (
          <button
            type="button"
            className="button button--ghost-danger"
            onClick={() => {
              onChange('');
              onRemovingChange(true);
            }}
            data-testid="provider-api-key-remove"
          >
            {t('providers.apiKeyRemove')}
          </button>
        ) : null}
      </div>
      {removing ? (
        <p className="field__hint" role="status">
          {t('providers.apiKeyWillRemove')}{' '}
          <button type="button" className="provider-key__keep" onClick={() => onRemovingChange(false)}>
            {t('providers.apiKeyKeep')}
          </button>
        </p>
      ) : (
        <p id={hintId} className="field__hint">
          {hint}
          {preset?.helpUrl && keychain.available ? (
            <>
              {' '}
              <a
                href={preset.helpUrl}
                rel="noreferrer"
                onClick={(e) => {
                  e.preventDefault();
                  openExternalLink(e.currentTarget.href);
                }}
              >
                {t('providers.apiKeyGet')}
              </a>
            </>
          ) : null}
        </p>
      )}
    </div>
  );
}
