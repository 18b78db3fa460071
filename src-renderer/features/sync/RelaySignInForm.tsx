/**
 * Sign in to a relay: its address and your email, then the 6-digit code the
 * relay emailed. The core keeps the resulting device token in the keychain.
 */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { RelayAccount } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';

interface RelaySignInFormProps {
  initialUrl?: string;
  initialEmail?: string;
  /** The address cannot be changed (joining with an invitation from that relay). */
  lockUrl?: boolean;
  onSignedIn(account: RelayAccount): void;
  /** Shows a Cancel button that calls this. */
  onCancel?(): void;
}

export function RelaySignInForm({ initialUrl = '', initialEmail = '', lockUrl = false, onSignedIn, onCancel }: RelaySignInFormProps): ReactNode {
  const t = useT();
  const [url, setUrl] = useState(initialUrl);
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'details' | 'code'>('details');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  function sendCode(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void run(async () => {
      await api.invoke('relay.requestCode', { url, email });
      setCode('');
      setStep('code');
    });
  }

  function signIn(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void run(async () => {
      onSignedIn(await api.invoke('relay.signIn', { url, email, code }));
    });
  }

  if (step === 'code') {
    return (
      <form className="form form--compact" onSubmit={signIn} noValidate data-testid="relay-sign-in-code-form">
        <p className="field__hint">{t('relay.signIn.codeSent', { email })}</p>
        <TextField
          label={t('relay.signIn.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          testId="relay-sign-in-code"
          autoFocus
        />
        {error ? <FormError message={error} testId="relay-sign-in-error" /> : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={() => setStep('details')} disabled={busy}>
            {t('relay.signIn.back')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || code.trim() === ''} data-testid="relay-sign-in-submit">
            {busy ? t('relay.signIn.signingIn') : t('relay.signIn.submit')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form className="form form--compact" onSubmit={sendCode} noValidate data-testid="relay-sign-in-form">
      <div className="form__grid">
        <TextField
          label={t('relay.signIn.url')}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={t('relay.signIn.urlPlaceholder')}
          readOnly={lockUrl}
          type="url"
          autoComplete="url"
          spellCheck={false}
          testId="relay-sign-in-url"
        />
        <TextField
          label={t('relay.signIn.email')}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          type="email"
          autoComplete="email"
          testId="relay-sign-in-email"
        />
      </div>
      {error ? <FormError message={error} testId="relay-sign-in-error" /> : null}
      <div className="form__actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || url.trim() === '' || email.trim() === ''}
          data-testid="relay-sign-in-send"
        >
          {busy ? t('relay.signIn.sending') : t('relay.signIn.sendCode')}
        </button>
      </div>
    </form>
  );
}
