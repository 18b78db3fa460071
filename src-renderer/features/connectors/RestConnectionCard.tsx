/**
 * One REST connection in Settings → Connectors (EspoCRM, HubSpot, Notion or
 * a custom API): where it stands, its address, authentication, description
 * and operations (reads run at once, writes ask first), when it was
 * connected and last used; Test for everyone who may use it, and for those
 * who may manage connectors Rotate credentials and Remove (with what goes).
 * A connection that signs in by OAuth has "Sign in again" instead of new
 * keys: the same browser sign-in, wait and Cancel as when it was added.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { ChannelOutput } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { translatePlural } from '../../lib/i18n/plural';
import { ConfirmDeleteDialog } from '../../lib/ui/ConfirmDeleteDialog';
import { FormError } from '../../lib/ui/TextField';
import { isShippedSpec } from './connectorCatalogue';
import { fieldErrors, type FormErrors } from './fieldErrors';
import { lastUsedText } from './lastUsedText';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { useOAuthCancel } from './oauthCancel';
import { useOAuthWait } from './useOAuthWait';
import { credentialsOf, EMPTY_SECRETS, RestCredentialFields, secretErrorsOf, type RestSecretInputs } from './RestCredentialFields';
import { StatusPill } from './StatusPill';

export type RestView = ChannelOutput<'rest.list'>[number];

interface RestConnectionCardProps {
  workspaceId: string;
  view: RestView;
  canManage: boolean;
}

export function RestConnectionCard({ workspaceId, view, canManage }: RestConnectionCardProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [showOps, setShowOps] = useState(false);
  const ref = { workspaceId, name: view.name };
  const id = `rest-${view.name}`;
  const prefix = `rest_${view.name}_`;
  const writes = view.tools.filter((tool) => tool.write).length;
  const lastUsed = lastUsedText(view, Date.now(), locale, t);
  const auth = view.auth === 'header' ? t('connectors.rest.authShown.header', { header: view.header ?? 'X-Api-Key' }) : t(`connectors.rest.authShown.${view.auth}`);

  function test(): void {
    setTesting(true);
    setOutcome(null);
    setError(null);
    api
      .invoke('rest.test', ref)
      .then((r) => setOutcome(r))
      .catch((err: unknown) => setError(errorMessage(err, t)))
      .finally(() => setTesting(false));
  }

  const tone = view.state === 'connected' ? 'ok' : view.state === 'reconnect' ? 'warn' : 'idle';
  return (
    <li className="connector-card" aria-labelledby={`${id}-title`} data-testid={`rest-card-${view.name}`} data-state={view.state}>
      <header className="connector-card__head">
        <h4 id={`${id}-title`} className="connector-card__name">
          {view.service} <span className="connector-card__tag">{view.name}</span>
        </h4>
        <StatusPill tone={tone} label={t(`connectors.github.state.${view.state}`)} testId={`rest-state-${view.name}`} />
      </header>
      <ul className="connector-card__facts" data-testid={`rest-facts-${view.name}`}>
        <li className="connector-card__mono" title={view.baseUrl}>
          {view.baseUrl}
        </li>
        <li>{auth}</li>
        <li>{isShippedSpec(view.specSource) ? t('connectors.rest.specShipped') : t('connectors.rest.specFile', { file: view.specSource })}</li>
        <li>
          {translatePlural(t, locale, 'connectors.rest.operations', view.tools.length)}
          {writes > 0 ? ` (${translatePlural(t, locale, 'connectors.rest.writesAsk', writes)})` : null}
        </li>
        <li>{t('connectors.connectedAt', { date: new Date(view.connectedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) })}</li>
        {lastUsed ? <li data-testid={`rest-last-used-${view.name}`}>{lastUsed}</li> : null}
      </ul>
      {view.state === 'reconnect' && view.reason ? (
        <p className="connector-card__problem" data-testid={`rest-reason-${view.name}`}>
          {t('connectors.rest.reason', { reason: view.reason })}
        </p>
      ) : null}
      {outcome ? (
        <p className={outcome.ok ? 'connector-card__ok' : 'connector-card__problem'} role="status" data-testid={`rest-test-result-${view.name}`}>
          {outcome.ok ? t('connectors.github.testOk', { message: outcome.message }) : t('connectors.github.testFailed', { message: outcome.message })}
        </p>
      ) : null}
      {error ? <FormError message={error} testId={`rest-error-${view.name}`} /> : null}
      <div className="connector-card__actions">
        <button type="button" className="button button--small" onClick={test} disabled={testing} data-testid={`rest-test-${view.name}`}>
          {testing ? t('connectors.github.testing') : t('connectors.github.test')}
        </button>
        <button type="button" className="button button--small" aria-expanded={showOps} onClick={() => setShowOps((s) => !s)} data-testid={`rest-show-ops-${view.name}`}>
          {showOps ? t('connectors.rest.hideOperations') : t('connectors.rest.showOperations')}
        </button>
        {canManage ? (
          <>
            <button type="button" className="button button--small" aria-expanded={rotating} onClick={() => setRotating((r) => !r)} data-testid={`rest-rotate-${view.name}`}>
              {view.auth === 'oauth' ? t('connectors.rest.signInAgain') : t('connectors.rest.rotate')}
            </button>
            <button type="button" className="button button--small button--ghost-danger" onClick={() => setRemoving(true)} data-testid={`rest-remove-${view.name}`}>
              {t('connectors.mcp.remove')}
            </button>
          </>
        ) : null}
      </div>
      {showOps ? (
        <ul className="mcp-tools" data-testid={`rest-ops-${view.name}`}>
          {view.tools.map((tool) => (
            <li key={tool.name} className="mcp-tools__item">
              <span className="connector-card__mono">{tool.name.startsWith(prefix) ? tool.name.slice(prefix.length) : tool.name}</span>
              <span className="mcp-tools__kind">{tool.write ? t('connectors.mcp.toolConfirmed') : t('connectors.rest.read')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {rotating && view.auth === 'oauth' ? (
        <SignInAgainForm
          view={view}
          workspaceId={workspaceId}
          onDone={() => {
            setRotating(false);
            setOutcome(null);
          }}
        />
      ) : rotating ? (
        <RotateCredentialsForm
          view={view}
          workspaceId={workspaceId}
          onDone={() => {
            setRotating(false);
            setOutcome(null);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDeleteDialog
          title={t('connectors.rest.remove.title', { name: `${view.service} (${view.name})` })}
          description={t('connectors.rest.remove.description', { count: view.tools.length })}
          text={t(view.oauth === null ? 'connectors.rest.remove.what' : view.oauth.revocable ? 'connectors.rest.remove.whatOAuth' : 'connectors.rest.remove.whatOAuthKept', { service: view.service })}
          confirmLabel={t('connectors.mcp.remove.confirm')}
          testId={`rest-remove-${view.name}`}
          onConfirm={() => api.invoke('rest.remove', ref)}
          onClose={() => setRemoving(false)}
        />
      ) : null}
    </li>
  );
}

/** New credentials of the same kind, checked against the service before the old ones are dropped. */
function RotateCredentialsForm({ workspaceId, view, onDone }: { workspaceId: string; view: RestView; onDone(): void }): ReactNode {
  const t = useT();
  const [secrets, setSecrets] = useState<RestSecretInputs>(EMPTY_SECRETS);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setErrors({ fields: {}, general: null });
    try {
      await api.invoke('rest.rotate', { workspaceId, name: view.name, credentials: credentialsOf(view.auth, secrets) });
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err, Object.keys(EMPTY_SECRETS).map((k) => `credentials.${k}`), t));
    } finally {
      setBusy(false);
    }
  }

  const secretErrors = secretErrorsOf(errors.fields);
  return (
    <form className="connector-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('connectors.rest.rotate')} data-testid={`rest-rotate-form-${view.name}`}>
      <p className="field__hint">{t('connectors.rest.rotateHint')}</p>
      <RestCredentialFields kind={view.auth} header={view.header} values={secrets} onChange={setSecrets} errors={secretErrors} testId={`rest-new-${view.name}`} />
      {errors.general ? <FormError message={errors.general} testId={`rest-rotate-error-${view.name}`} /> : null}
      <div className="connector-form__actions">
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid={`rest-rotate-save-${view.name}`}>
          {busy ? t('connectors.rest.checking', { service: view.service }) : t('connectors.rest.rotate')}
        </button>
      </div>
    </form>
  );
}

/** Signs an OAuth connection in again in the browser with the same OAuth app (`rest.rotate` without credentials). */
function SignInAgainForm({ workspaceId, view, onDone }: { workspaceId: string; view: RestView; onDone(): void }): ReactNode {
  const t = useT();
  const wait = useOAuthWait(workspaceId, { rest: view.name });
  const cancelFailed = useCallback((err: unknown) => setError(errorMessage(err, t)), [t]);
  const stopSignIn = useOAuthCancel(workspaceId, { rest: view.name }, wait, cancelFailed);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    setNote(null);
    try {
      if ((await wait.run(() => api.invoke('rest.rotate', { workspaceId, name: view.name }))) !== null) onDone();
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  const cancel = (): void => {
    stopSignIn();
    setNote(t('connectors.rest.stopped'));
  };

  return (
    <form className="connector-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('connectors.rest.signInAgain')} data-testid={`rest-signin-form-${view.name}`}>
      <p className="field__hint">{t('connectors.rest.signInAgainHint')}</p>
      {error ? <FormError message={error} testId={`rest-signin-error-${view.name}`} /> : null}
      {note ? (
        <p className="field__hint" role="status">
          {note}
        </p>
      ) : null}
      <OAuthWaitNotice wait={{ ...wait, cancel }} testId={`rest-oauth-${view.name}`} />
      <div className="connector-form__actions">
        <button type="button" className="button" onClick={() => (wait.waiting ? cancel() : onDone())}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={wait.waiting} data-testid={`rest-signin-${view.name}`}>
          {t('connectors.rest.signIn')}
        </button>
      </div>
    </form>
  );
}
