/**
 * The first screen of a new device: the person's name (required) and email
 * (optional), saved with `profile.update`, and the language. Saving moves
 * the first run on to the guided start (`settings.onboarding`), so the
 * screen never comes back once answered.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Language, Profile, Settings } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { LANGUAGES } from '../settings/PreferencesForm';
import { SegmentedControl } from '../settings/SegmentedControl';

interface FirstRunScreenProps {
  settings: Settings;
  onDone(profile: Profile, settings: Settings): void;
  onSettingsSaved(settings: Settings): void;
}

export function FirstRunScreen({ settings, onDone, onSettingsSaved }: FirstRunScreenProps): ReactNode {
  const t = useT();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  // A flag, not a sentence: a change of language re-words it.
  const [nameMissing, setNameMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (saving) return;
    if (displayName.trim() === '') {
      setNameMissing(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const profile = await api.invoke('profile.update', { displayName, email });
      const next = await api.invoke('settings.update', { onboarding: 'model' });
      onDone(profile, next);
    } catch (err) {
      setError(errorMessage(err, t));
      setSaving(false);
    }
  }

  function chooseLanguage(language: Language): void {
    api.invoke('settings.update', { language }).then(onSettingsSaved, (err: unknown) => setError(errorMessage(err, t)));
  }

  return (
    <div className="screen">
      <main className="screen__card first-run" data-testid="first-run">
        <h1 className="screen__title">{t('onboarding.welcome')}</h1>
        <p className="screen__body">{t('onboarding.intro')}</p>
        <form className="form first-run__form" onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            label={t('onboarding.name')}
            value={displayName}
            error={nameMissing ? t('onboarding.nameRequired') : null}
            onChange={(e) => {
              setDisplayName(e.target.value);
              setNameMissing(false);
            }}
            testId="first-run-name"
            autoComplete="name"
            autoFocus
            maxLength={80}
          />
          <TextField
            label={t('onboarding.email')}
            type="email"
            value={email}
            hint={t('onboarding.emailHint')}
            onChange={(e) => setEmail(e.target.value)}
            testId="first-run-email"
            autoComplete="email"
          />
          <SegmentedControl
            label={t('onboarding.language')}
            value={settings.language}
            options={LANGUAGES.map((o) => ({ value: o.value, label: t(o.label) }))}
            onChange={chooseLanguage}
            testIdPrefix="first-run-language"
          />
          {error ? <FormError message={error} testId="first-run-error" /> : null}
          <button type="submit" className="button button--primary first-run__submit" disabled={saving} data-testid="first-run-continue">
            {saving ? t('common.saving') : t('onboarding.continue')}
          </button>
        </form>
      </main>
    </div>
  );
}
