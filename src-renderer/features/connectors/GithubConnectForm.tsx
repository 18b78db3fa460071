/**
 * Connects GitHub for a workspace: a token typed in a password field (checked
 * with GitHub before it is saved), or a sign-in in the browser (OAuth with
 * PKCE; the client id of the OAuth app, and the sign-in server's addresses
 * for a GitHub Enterprise or another provider). An optional API address for
 * GitHub Enterprise Server.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { FormError, TextField } from '../../lib/ui/TextField';
import { SegmentedControl } from '../settings/SegmentedControl';
import { useOAuthCancel } from './oauthCancel';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { useOAuthWait } from './useOAuthWait';

type Method = 'token' | 'oauth';

const optional = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

export function GithubConnectForm({ workspaceId }: { workspaceId: string }): ReactNode {
  const t = useT();
  const [method, setMethod] = useState<Method>('token');
  const [token, setToken] = useState('');
  const [apiUrl, setApiUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [authorizeUrl, setAuthorizeUrl] = useState('');
  const [tokenUrl, setTokenUrl] = useState('');
  const [revokeUrl, setRevokeUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const wait = useOAuthWait(workspaceId);
  const cancelFailed = useCallback((err: unknown) => setError(errorMessage(err, t)), [t]);
  const cancelSignIn = useOAuthCancel(workspaceId, 'github', wait, cancelFailed);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    setNote(null);
    const base = { workspaceId, connector: 'github' as const, ...(optional(apiUrl) ? { apiUrl: apiUrl.trim() } : {}) };
    try {
      if (method === 'token') {
        setBusy(true);
        await api.invoke('connector.add', { ...base, auth: { kind: 'token', token } });
        setToken('');
      } else {
        const auth = {
          kind: 'oauth' as const,
          clientId: clientId.trim(),
          ...(optional(authorizeUrl) ? { authorizationEndpoint: authorizeUrl.trim() } : {}),
          ...(optional(tokenUrl) ? { tokenEndpoint: tokenUrl.trim() } : {}),
          ...(optional(revokeUrl) ? { revocationEndpoint: revokeUrl.trim() } : {}),
        };
        await wait.run(() => api.invoke('connector.add', { ...base, auth }));
      }
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  const cancel = (): void => {
    cancelSignIn();
    setNote(t('connectors.calendar.stopped'));
  };

  return (
    <form className="connector-form" onSubmit={(e) => void submit(e)} data-testid="github-connect-form">
      <SegmentedControl<Method>
        label={t('connectors.github.method')}
        value={method}
        options={[
          { value: 'token', label: t('connectors.github.method.token') },
          { value: 'oauth', label: t('connectors.github.method.oauth') },
        ]}
        onChange={setMethod}
        testIdPrefix="github-method"
      />
      {method === 'token' ? (
        <TextField
          label={t('connectors.github.token')}
          hint={t('connectors.github.tokenHint')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          testId="github-token"
        />
      ) : (
        <>
          <TextField label={t('connectors.github.clientId')} required spellCheck={false} value={clientId} onChange={(e) => setClientId(e.target.value)} testId="github-client-id" />
          <details className="connector-form__more">
            <summary>{t('connectors.github.endpoints')}</summary>
            <TextField label={t('connectors.github.authorizeUrl')} type="url" value={authorizeUrl} onChange={(e) => setAuthorizeUrl(e.target.value)} testId="github-authorize-url" />
            <TextField label={t('connectors.github.tokenUrl')} type="url" value={tokenUrl} onChange={(e) => setTokenUrl(e.target.value)} testId="github-token-url" />
            <TextField label={t('connectors.github.revokeUrl')} type="url" value={revokeUrl} onChange={(e) => setRevokeUrl(e.target.value)} testId="github-revoke-url" />
          </details>
        </>
      )}
      <TextField label={t('connectors.github.apiUrl')} hint={t('connectors.github.apiUrlHint')} type="url" spellCheck={false} value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} testId="github-api-url" />
      {error ? <FormError message={error} testId="github-connect-error" /> : null}
      {note ? (
        <p className="field__hint" role="status" data-testid="github-connect-note">
          {note}
        </p>
      ) : null}
      <OAuthWaitNotice wait={{ ...wait, cancel }} />
      <div className="connector-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || wait.waiting} data-testid="github-connect">
          {busy ? t('connectors.github.saving') : method === 'token' ? t('connectors.github.save') : t('connectors.github.openBrowser')}
        </button>
      </div>
    </form>
  );
}
