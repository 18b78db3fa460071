/**
 * Display name and email of the local profile, saved with `profile.update`;
 * the core validates both and its message appears under the form.
 */
import { useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Profile } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { CheckIcon } from '../../lib/ui/icons';
import { FormError, TextField } from '../../lib/ui/TextField';

interface ProfileFormProps {
  profile: Profile;
  onSaved(profile: Profile): void;
}

export function ProfileForm({ profile, onSaved }: ProfileFormProps): ReactNode {
  const t = useT();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [email, setEmail] = useState(profile.email);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const dirty = displayName !== profile.displayName || email !== profile.email;

  // Another window or the CLI may change the profile while this form is open.
  useEffect(() => {
    setDisplayName(profile.displayName);
    setEmail(profile.email);
  }, [profile]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (status === 'saving') return;
    setStatus('saving');
    setError(null);
    try {
      const saved = await api.invoke('profile.update', { displayName, email });
      onSaved(saved);
      setStatus('saved');
    } catch (err) {
      setError(errorMessage(err, t));
      setStatus('idle');
    }
  }

  return (
    <form className="form form--compact" onSubmit={(e) => void submit(e)} noValidate>
      <div className="form__grid">
        <TextField
          label={t('settings.profile.displayName')}
          value={displayName}
          onChange={(e) => {
            setDisplayName(e.target.value);
            setStatus('idle');
          }}
          testId="profile-display-name"
          autoComplete="name"
        />
        <TextField
          label={t('settings.profile.email')}
          type="email"
          value={email}
          hint={t('settings.profile.emailHint')}
          onChange={(e) => {
            setEmail(e.target.value);
            setStatus('idle');
          }}
          testId="profile-email"
          autoComplete="email"
        />
      </div>
      {error ? <FormError message={error} testId="profile-error" /> : null}
      <div className="form__actions">
        {status === 'saved' && !dirty ? (
          <span className="saved-note" role="status" data-testid="profile-saved">
            <CheckIcon width={16} height={16} />
            {t('common.saved')}
          </span>
        ) : null}
        <button type="submit" className="button button--primary" disabled={!dirty || status === 'saving'} data-testid="profile-save">
          {status === 'saving' ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
