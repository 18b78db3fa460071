/**
 * GitHub in Settings → Connectors: where the connection stands (connected,
 * reconnect needed with GitHub's reason, not connected), the account,
 * scopes, tools and when it was connected; Test for everyone who may use
 * it, and for those who may manage connectors Replace token (or sign in
 * again), Disconnect (with what is removed) and the connect form.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { ConfirmDeleteDialog } from '../../lib/ui/ConfirmDeleteDialog';
import { FormError, TextField } from '../../lib/ui/TextField';
import { GithubConnectForm } from './GithubConnectForm';
import { lastUsedText } from './lastUsedText';
import { useOAuthCancel } from './oauthCancel';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { StatusPill } from './StatusPill';
import type { ConnectorView } from './useConnectors';
import { useConnectorChecks } from './useConnectorChecks';
import { useOAuthWait } from './useOAuthWait';

interface GithubConnectorCardProps {
  workspaceId: string;
  view: ConnectorView;
  canManage: boolean;
}

const DEFAULT_API = 'https://api.github.com';

export function GithubConnectorCard({ workspaceId, view, canManage }: GithubConnectorCardProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [rotating, setRotating] = useState(false);
  const [removing, setRemoving] = useState(false);
  const wait = useOAuthWait(workspaceId);
  const { testing, outcome, setOutcome, error, setError, note, test, signInAgain: reauthorize, disconnect } = useConnectorChecks(workspaceId, 'github', wait);
  const cancelFailed = useCallback((err: unknown) => setError(errorMessage(err, t)), [t]);
  const cancelSignIn = useOAuthCancel(workspaceId, 'github', wait, cancelFailed);
  const connected = view.state !== 'none';

  const tone = view.state === 'connected' ? 'ok' : view.state === 'reconnect' ? 'warn' : 'idle';
  const writes = view.tools.filter((tool) => tool.write).length;
  const lastUsed = lastUsedText(view, Date.now(), locale, t);
  return (
    <section id="connector-card-github" className="connector-card" aria-labelledby="connector-github-title" tabIndex={-1} data-testid="connector-github" data-state={view.state}>
      <header className="connector-card__head">
        <h4 id="connector-github-title" className="connector-card__name">
          {t('connectors.github.title')}
        </h4>
        <StatusPill tone={tone} label={t(`connectors.github.state.${view.state}`)} testId="connector-github-state" />
      </header>
      <p className="connector-card__about">{t('connectors.github.about')}</p>
      {connected ? (
        <ul className="connector-card__facts" data-testid="connector-github-facts">
          {view.account ? (
            <li>
              {t('connectors.github.account', { account: view.account })} · {view.auth ? t(`connectors.github.auth.${view.auth}`) : null}
            </li>
          ) : null}
          {view.apiUrl && view.apiUrl !== DEFAULT_API ? <li className="connector-card__mono">{view.apiUrl}</li> : null}
          {view.scopes ? <li>{t('connectors.github.scopes', { scopes: view.scopes })}</li> : null}
          <li>
            {t('connectors.tools', { count: view.tools.length })}
            {writes > 0 ? ` (${t('connectors.mcp.readOnlyCount', { count: view.tools.length - writes })})` : null}
          </li>
          {view.connectedAt ? <li>{t('connectors.connectedAt', { date: new Date(view.connectedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) })}</li> : null}
          {lastUsed ? <li data-testid="connector-github-last-used">{lastUsed}</li> : null}
        </ul>
      ) : null}
      {view.state === 'reconnect' && view.reason ? (
        <p className="connector-card__problem" data-testid="connector-github-reason">
          {t('connectors.github.reason', { reason: view.reason })}
        </p>
      ) : null}
      {outcome ? (
        <p className={outcome.ok ? 'connector-card__ok' : 'connector-card__problem'} role="status" data-testid="connector-github-test-result">
          {outcome.ok ? t('connectors.github.testOk', { message: outcome.message }) : t('connectors.github.testFailed', { message: outcome.message })}
        </p>
      ) : null}
      {note ? (
        <p className="field__hint" role="status" data-testid="connector-github-note">
          {note}
        </p>
      ) : null}
      {error ? <FormError message={error} testId="connector-github-error" /> : null}
      <OAuthWaitNotice wait={{ ...wait, cancel: cancelSignIn }} />
      {connected ? (
        <div className="connector-card__actions">
          <button type="button" className="button button--small" onClick={test} disabled={testing} data-testid="connector-github-test">
            {testing ? t('connectors.github.testing') : t('connectors.github.test')}
          </button>
          {canManage && view.auth === 'token' ? (
            <button type="button" className="button button--small" onClick={() => setRotating((r) => !r)} aria-expanded={rotating} data-testid="connector-github-rotate">
              {t('connectors.github.rotate')}
            </button>
          ) : null}
          {canManage && view.auth === 'oauth' ? (
            <button type="button" className="button button--small" onClick={reauthorize} disabled={wait.waiting} data-testid="connector-github-reauthorize">
              {t('connectors.github.reauthorize')}
            </button>
          ) : null}
          {canManage ? (
            <button type="button" className="button button--small button--ghost-danger" onClick={() => setRemoving(true)} data-testid="connector-github-disconnect">
              {t('connectors.github.disconnect')}
            </button>
          ) : null}
        </div>
      ) : null}
      {rotating ? (
        <RotateTokenForm
          workspaceId={workspaceId}
          onDone={() => {
            setRotating(false);
            setOutcome(null);
          }}
        />
      ) : null}
      {!connected && canManage ? <GithubConnectForm workspaceId={workspaceId} /> : null}
      {removing ? (
        <ConfirmDeleteDialog
          title={t('connectors.github.remove.title')}
          description={t('connectors.github.remove.description')}
          text={t(view.auth === 'oauth' ? 'connectors.github.remove.oauth' : 'connectors.github.remove.token')}
          confirmLabel={t('connectors.github.remove.confirm')}
          testId="connector-github-remove"
          onConfirm={disconnect}
          onClose={() => setRemoving(false)}
        />
      ) : null}
    </section>
  );
}

/** A new token for a token connection: checked with GitHub before the old one is dropped. */
function RotateTokenForm({ workspaceId, onDone }: { workspaceId: string; onDone(): void }): ReactNode {
  const t = useT();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.invoke('connector.rotate', { workspaceId, connector: 'github', token });
      onDone();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="connector-form" onSubmit={(e) => void submit(e)} data-testid="github-rotate-form">
      <TextField
        label={t('connectors.github.newToken')}
        hint={t('connectors.github.tokenHint')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        value={token}
        onChange={(e) => setToken(e.target.value)}
        error={error}
        testId="github-new-token"
      />
      <div className="connector-form__actions">
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="github-rotate-save">
          {busy ? t('connectors.github.saving') : t('connectors.github.rotate')}
        </button>
      </div>
    </form>
  );
}
