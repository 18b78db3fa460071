/**
 * Language and theme, as segmented controls that apply at once through
 * `settings.update` (no Save button: the change is visible immediately).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Language, Settings, Theme } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import type { MessageKey } from '../../lib/i18n/i18n';
import { FormError } from '../../lib/ui/TextField';
import { SegmentedControl } from './SegmentedControl';

interface PreferencesFormProps {
  settings: Settings;
  onSaved(settings: Settings): void;
}

/** The language choices, shared with the first-run screen. */
export const LANGUAGES: readonly { value: Language; label: MessageKey }[] = [
  { value: 'system', label: 'settings.language.system' },
  { value: 'en', label: 'settings.language.en' },
  { value: 'fr', label: 'settings.language.fr' },
];

const THEMES: readonly { value: Theme; label: MessageKey }[] = [
  { value: 'system', label: 'settings.theme.system' },
  { value: 'light', label: 'settings.theme.light' },
  { value: 'dark', label: 'settings.theme.dark' },
];

export function PreferencesForm({ settings, onSaved }: PreferencesFormProps): ReactNode {
  const t = useT();
  const [error, setError] = useState<string | null>(null);

  async function save(change: { language?: Language; theme?: Theme }): Promise<void> {
    setError(null);
    try {
      onSaved(await api.invoke('settings.update', change));
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  return (
    <div className="form form--compact">
      <SegmentedControl
        label={t('settings.language')}
        value={settings.language}
        options={LANGUAGES.map((o) => ({ value: o.value, label: t(o.label) }))}
        onChange={(language) => void save({ language })}
        testIdPrefix="settings-language"
      />
      <SegmentedControl
        label={t('settings.theme')}
        value={settings.theme}
        options={THEMES.map((o) => ({ value: o.value, label: t(o.label) }))}
        onChange={(theme) => void save({ theme })}
        testIdPrefix="settings-theme"
      />
      {error ? <FormError message={error} testId="preferences-error" /> : null}
    </div>
  );
}
