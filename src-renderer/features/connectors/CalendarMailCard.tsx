/**
 * Google (Calendar + Gmail) or Microsoft 365 (Calendar + Mail) in Settings →
 * Connectors: where the connection stands, the account, the granted scopes
 * in words, its tools (writes ask first), when it was connected and last
 * used; Test for everyone who may use it, and for those who may manage
 * connectors Sign in again, Disconnect (saying what goes: the keychain
 * entries, and the tokens revoked at Google; Microsoft has no revocation
 * endpoint) and the connect form. A workspace holds one calendar-and-mail
 * account at a time, so the other provider's card says so instead.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { translatePlural } from '../../lib/i18n/plural';
import { ConfirmDeleteDialog } from '../../lib/ui/ConfirmDeleteDialog';
import { FormError } from '../../lib/ui/TextField';
import { CalendarMailConnectForm, type CalendarKind } from './CalendarMailConnectForm';
import { lastUsedText } from './lastUsedText';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { useOAuthCancel } from './oauthCancel';
import { scopeWords } from './scopeWords';
import { StatusPill } from './StatusPill';
import type { ConnectorView } from './useConnectors';
import { useConnectorChecks } from './useConnectorChecks';
import { useOAuthWait } from './useOAuthWait';

interface CalendarMailCardProps {
  workspaceId: string;
  kind: CalendarKind;
  /** Its connection, or null when there is none. */
  view: ConnectorView | null;
  /** The other provider, when it is the one connected. */
  otherConnected: CalendarKind | null;
  canManage: boolean;
  /** Closes the card when it was opened from the catalogue and nothing got connected. */
  onClose(): void;
}

export function CalendarMailCard({ workspaceId, kind, view, otherConnected, canManage, onClose }: CalendarMailCardProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const [removing, setRemoving] = useState(false);
  const wait = useOAuthWait(workspaceId);
  const { testing, outcome, error, setError, note, test, signInAgain, disconnect } = useConnectorChecks(workspaceId, kind, wait);
  const cancelFailed = useCallback((err: unknown) => setError(errorMessage(err, t)), [t]);
  const cancel = useOAuthCancel(workspaceId, kind, wait, cancelFailed);
  const state = view?.state ?? 'none';
  const connected = view !== null && state !== 'none';
  const service = t(`connectors.catalogue.${kind}.name`);
  const writes = view?.tools.filter((tool) => tool.write).length ?? 0;
  const lastUsed = view ? lastUsedText(view, Date.now(), locale, t) : null;

  const tone = state === 'connected' ? 'ok' : state === 'reconnect' ? 'warn' : 'idle';
  return (
    <section id={`connector-card-${kind}`} className="connector-card" aria-labelledby={`connector-${kind}-title`} data-testid={`connector-${kind}`} data-state={state} tabIndex={-1}>
      <header className="connector-card__head">
        <h4 id={`connector-${kind}-title`} className="connector-card__name">
          {service}
        </h4>
        <StatusPill tone={tone} label={t(`connectors.github.state.${state}`)} testId={`connector-${kind}-state`} />
      </header>
      <p className="connector-card__about">{t(`connectors.catalogue.${kind}.does`)}</p>
      {connected ? (
        <ul className="connector-card__facts" data-testid={`connector-${kind}-facts`}>
          {view.account ? <li>{t('connectors.calendar.account', { account: view.account })}</li> : null}
          <li>
            {t('connectors.tools', { count: view.tools.length })}
            {writes > 0 ? ` (${translatePlural(t, locale, 'connectors.rest.writesAsk', writes)})` : null}
          </li>
          {view.connectedAt ? <li>{t('connectors.connectedAt', { date: new Date(view.connectedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) })}</li> : null}
          {lastUsed ? <li data-testid={`connector-${kind}-last-used`}>{lastUsed}</li> : null}
        </ul>
      ) : null}
      {connected && view.scopes ? (
        <div className="connector-card__scopes" data-testid={`connector-${kind}-scopes`}>
          <p className="connector-card__about">{t('connectors.calendar.scopes')}</p>
          <ul>
            {scopeWords(view.scopes, t).map((word) => (
              <li key={word}>{word}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {state === 'reconnect' && view?.reason ? (
        <p className="connector-card__problem" data-testid={`connector-${kind}-reason`}>
          {t('connectors.calendar.reason', { service, reason: view.reason })}
        </p>
      ) : null}
      {outcome ? (
        <p className={outcome.ok ? 'connector-card__ok' : 'connector-card__problem'} role="status" data-testid={`connector-${kind}-test-result`}>
          {outcome.ok ? t('connectors.github.testOk', { message: outcome.message }) : t('connectors.github.testFailed', { message: outcome.message })}
        </p>
      ) : null}
      {note ? (
        <p className="field__hint" role="status" data-testid={`connector-${kind}-note`}>
          {note}
        </p>
      ) : null}
      {error ? <FormError message={error} testId={`connector-${kind}-error`} /> : null}
      {connected ? <OAuthWaitNotice wait={{ ...wait, cancel }} testId={`${kind}-oauth`} /> : null}
      {connected ? (
        <div className="connector-card__actions">
          <button type="button" className="button button--small" onClick={test} disabled={testing} data-testid={`connector-${kind}-test`}>
            {testing ? t('connectors.github.testing') : t('connectors.github.test')}
          </button>
          {canManage ? (
            <>
              <button type="button" className="button button--small" onClick={signInAgain} disabled={wait.waiting} data-testid={`connector-${kind}-reauthorize`}>
                {t('connectors.github.reauthorize')}
              </button>
              <button type="button" className="button button--small button--ghost-danger" onClick={() => setRemoving(true)} data-testid={`connector-${kind}-disconnect`}>
                {t('connectors.github.disconnect')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {!connected && otherConnected ? (
        <p className="provider-section__notice" data-testid={`connector-${kind}-one-only`}>
          {t('connectors.calendar.oneOnly', { other: t(`connectors.catalogue.${otherConnected}.name`) })}
        </p>
      ) : null}
      {!connected && !otherConnected && canManage ? (
        <CalendarMailConnectForm workspaceId={workspaceId} kind={kind} wait={wait} onCancel={cancel} />
      ) : null}
      {!connected ? (
        <div className="connector-card__actions">
          <button type="button" className="button button--small" onClick={onClose} disabled={wait.waiting} data-testid={`connector-${kind}-close`}>
            {t('connectors.calendar.close')}
          </button>
        </div>
      ) : null}
      {removing ? (
        <ConfirmDeleteDialog
          title={t('connectors.calendar.remove.title', { service })}
          description={t('connectors.calendar.remove.description')}
          text={t(`connectors.calendar.remove.${kind}`)}
          confirmLabel={t('connectors.github.remove.confirm')}
          testId={`connector-${kind}-remove`}
          onConfirm={disconnect}
          onClose={() => setRemoving(false)}
        />
      ) : null}
    </section>
  );
}
