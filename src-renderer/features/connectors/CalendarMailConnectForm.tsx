/**
 * Connects Google (Calendar + Gmail) or Microsoft 365 (Calendar + Mail) by
 * a sign-in in the browser (OAuth with PKCE, docs/connectors-calendar-mail.md):
 * the client id of the OAuth app registered for Qwanyx, and under
 * "Sign-in server" the addresses to use instead of the provider's (a
 * Microsoft tenant's own authority). Google's desktop clients also come
 * with a client secret, typed in a password field and sent once to the
 * core's keychain; the tokens go from the provider to the keychain and never
 * reach this view.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { fieldErrors, type FormErrors } from './fieldErrors';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import type { OAuthWait } from './useOAuthWait';

export type CalendarKind = 'google' | 'microsoft';

const optional = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
const PATHS = ['apiUrl', 'auth.clientId', 'auth.clientSecret', 'auth.authorizationEndpoint', 'auth.tokenEndpoint', 'auth.revocationEndpoint'];

interface CalendarMailConnectFormProps {
  workspaceId: string;
  kind: CalendarKind;
  wait: OAuthWait;
  /** Stops the sign-in, in the core too (`connector.oauthCancel`). */
  onCancel(): void;
}

export function CalendarMailConnectForm({ workspaceId, kind, wait, onCancel }: CalendarMailConnectFormProps): ReactNode {
  const t = useT();
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [apiUrl, setApiUrl] = useState('');
  const [authorizeUrl, setAuthorizeUrl] = useState('');
  const [tokenUrl, setTokenUrl] = useState('');
  const [revokeUrl, setRevokeUrl] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const [note, setNote] = useState<string | null>(null);
  const service = t(`connectors.catalogue.${kind}.name`);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setErrors({ fields: {}, general: null });
    setNote(null);
    const auth = {
      kind: 'oauth' as const,
      clientId: clientId.trim(),
      ...(kind === 'google' && optional(clientSecret) ? { clientSecret: clientSecret.trim() } : {}),
      ...(optional(authorizeUrl) ? { authorizationEndpoint: authorizeUrl.trim() } : {}),
      ...(optional(tokenUrl) ? { tokenEndpoint: tokenUrl.trim() } : {}),
      ...(optional(revokeUrl) ? { revocationEndpoint: revokeUrl.trim() } : {}),
    };
    try {
      await wait.run(() => api.invoke('connector.add', { workspaceId, connector: kind, ...(optional(apiUrl) ? { apiUrl: apiUrl.trim() } : {}), auth }));
    } catch (err) {
      setErrors(fieldErrors(err, PATHS, t));
    }
  }

  const cancel = (): void => {
    onCancel();
    setNote(t('connectors.calendar.stopped'));
  };
  const f = errors.fields;
  return (
    <form className="connector-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('connectors.calendar.connect', { service })} data-testid={`${kind}-connect-form`}>
      <TextField
        label={t('connectors.calendar.clientId')}
        hint={t(`connectors.calendar.clientIdHint.${kind}`)}
        required
        spellCheck={false}
        autoComplete="off"
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        error={f['auth.clientId'] ?? null}
        testId={`${kind}-client-id`}
      />
      {kind === 'google' ? (
        <TextField
          label={t('connectors.calendar.clientSecret')}
          hint={t('connectors.calendar.clientSecretHint')}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          error={f['auth.clientSecret'] ?? null}
          testId="google-client-secret"
        />
      ) : null}
      <details className="connector-form__more" open={Object.keys(f).some((p) => p !== 'auth.clientId' && p !== 'auth.clientSecret')}>
        <summary>{t('connectors.github.endpoints')}</summary>
        <TextField label={t('connectors.github.authorizeUrl')} type="url" value={authorizeUrl} onChange={(e) => setAuthorizeUrl(e.target.value)} error={f['auth.authorizationEndpoint'] ?? null} testId={`${kind}-authorize-url`} />
        <TextField label={t('connectors.github.tokenUrl')} type="url" value={tokenUrl} onChange={(e) => setTokenUrl(e.target.value)} error={f['auth.tokenEndpoint'] ?? null} testId={`${kind}-token-url`} />
        <TextField label={t('connectors.github.revokeUrl')} type="url" value={revokeUrl} onChange={(e) => setRevokeUrl(e.target.value)} error={f['auth.revocationEndpoint'] ?? null} testId={`${kind}-revoke-url`} />
        <TextField label={t('connectors.calendar.apiUrl')} hint={t(`connectors.calendar.apiUrlHint.${kind}`)} type="url" value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} error={f.apiUrl ?? null} testId={`${kind}-api-url`} />
      </details>
      {errors.general ? <FormError message={errors.general} testId={`${kind}-connect-error`} /> : null}
      {note ? (
        <p className="field__hint" role="status" data-testid={`${kind}-connect-note`}>
          {note}
        </p>
      ) : null}
      <OAuthWaitNotice wait={{ ...wait, cancel }} testId={`${kind}-oauth`} />
      <div className="connector-form__actions">
        <button type="submit" className="button button--primary" disabled={wait.waiting} data-testid={`${kind}-connect`}>
          {t('connectors.calendar.signIn', { service })}
        </button>
      </div>
    </form>
  );
}
