/**
 * One MCP server in Settings → Connectors: its name, what it runs (program
 * and arguments, or address), its status (running, stopped, starting,
 * failed with the last error), its tools (count, read-only ones, the list
 * on demand), and Restart/Start, Stop and Remove (with what is removed).
 * A server that signs in with OAuth also shows whether it is signed in (or
 * why it needs a sign-in) and "Sign in" / "Sign in again", which waits in
 * the browser with the address shown and Cancel (the core stops too).
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { McpServerView, McpToolView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { ConfirmDeleteDialog } from '../../lib/ui/ConfirmDeleteDialog';
import { FormError } from '../../lib/ui/TextField';
import { lastUsedText } from './lastUsedText';
import { OAuthWaitNotice } from './OAuthWaitNotice';
import { StatusPill, type StatusTone } from './StatusPill';
import { useOAuthCancel } from './oauthCancel';
import { useOAuthWait } from './useOAuthWait';

const TONES: Record<McpServerView['status'], StatusTone> = { running: 'ok', starting: 'busy', stopped: 'idle', failed: 'bad' };

interface McpServerRowProps {
  workspaceId: string;
  server: McpServerView;
  canManage: boolean;
}

export function McpServerRow({ workspaceId, server, canManage }: McpServerRowProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  const lastUsed = lastUsedText(server, Date.now(), locale, t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [listed, setListed] = useState<McpToolView[] | null>(null);
  const [removing, setRemoving] = useState(false);
  const ref = { workspaceId, name: server.name };
  const wait = useOAuthWait(workspaceId, { mcp: server.name });
  const cancelFailed = useCallback((err: unknown) => setError(errorMessage(err, t)), [t]);
  const cancellable = { ...wait, cancel: useOAuthCancel(workspaceId, { mcp: server.name }, wait, cancelFailed) };
  const oauth = server.oauth;
  const showTools = listed !== null;
  // The view's list follows mcp.changed; the one just asked for fills in until then.
  const tools = server.tools ?? listed;
  const secrets = [...server.env.filter((e) => e.secret).map((e) => e.name), ...server.headers];

  function act(run: () => Promise<unknown>): void {
    setBusy(true);
    setError(null);
    run()
      .catch((err: unknown) => setError(errorMessage(err, t)))
      .finally(() => setBusy(false));
  }

  const what = server.transport === 'stdio' ? [server.command ?? '', ...server.args].join(' ') : (server.url ?? '');
  return (
    <li className="connector-card mcp-server" data-testid={`mcp-server-${server.name}`} data-status={server.status}>
      <header className="connector-card__head">
        <h4 className="connector-card__name">{server.name}</h4>
        {oauth !== null ? (
          <StatusPill
            tone={oauth.state === 'signed-in' ? 'ok' : 'bad'}
            label={oauth.state === 'signed-in' ? t('connectors.mcp.oauth.signedIn') : t('connectors.mcp.oauth.needsSignIn')}
            testId={`mcp-oauth-state-${server.name}`}
          />
        ) : null}
        <StatusPill tone={TONES[server.status]} label={t(`connectors.mcp.status.${server.status}`)} testId={`mcp-status-${server.name}`} />
      </header>
      <p className="connector-card__mono" title={what}>
        {what}
      </p>
      <ul className="connector-card__facts">
        <li data-testid={`mcp-tools-count-${server.name}`}>
          {tools === null ? t('connectors.toolsNone') : t('connectors.tools', { count: tools.length })}
          {tools !== null && tools.length > 0 ? ` (${t('connectors.mcp.readOnlyCount', { count: tools.filter((x) => x.readOnly).length })})` : null}
        </li>
        {server.env.length > 0 ? <li>{t('connectors.mcp.envShown', { names: server.env.map((e) => e.name).join(', ') })}</li> : null}
        {server.headers.length > 0 ? <li>{t('connectors.mcp.headersShown', { names: server.headers.join(', ') })}</li> : null}
        {oauth !== null ? (
          <li data-testid={`mcp-oauth-fact-${server.name}`}>
            {oauth.state === 'signed-in'
              ? t('connectors.mcp.oauth.signedInFact', { scope: oauth.scope ? ` (${oauth.scope})` : '' })
              : t('connectors.mcp.oauth.needsSignInFact', { reason: oauth.reason ?? '' })}
          </li>
        ) : null}
        {lastUsed ? <li data-testid={`mcp-last-used-${server.name}`}>{lastUsed}</li> : null}
      </ul>
      {server.status === 'failed' && server.lastError ? (
        <p className="connector-card__problem" data-testid={`mcp-error-${server.name}`}>
          {t('connectors.mcp.lastError', { error: server.lastError })}
        </p>
      ) : null}
      <OAuthWaitNotice wait={cancellable} testId={`mcp-oauth-${server.name}`} />
      {error ? <FormError message={error} testId={`mcp-action-error-${server.name}`} /> : null}
      <div className="connector-card__actions">
        <button
          type="button"
          className="button button--small"
          aria-expanded={showTools}
          disabled={busy}
          onClick={() => {
            if (showTools) setListed(null);
            else act(() => api.invoke('mcp.tools', ref).then(setListed));
          }}
          data-testid={`mcp-show-tools-${server.name}`}
        >
          {showTools ? t('connectors.mcp.hideTools') : t('connectors.mcp.listTools')}
        </button>
        {canManage && oauth !== null ? (
          <button
            type="button"
            className={`button button--small${oauth.state === 'needs-sign-in' ? ' button--primary' : ''}`}
            disabled={busy || wait.waiting}
            onClick={() => {
              setError(null);
              wait.run(() => api.invoke('mcp.signIn', ref)).catch((err: unknown) => setError(errorMessage(err, t)));
            }}
            data-testid={`mcp-signin-${server.name}`}
          >
            {oauth.state === 'signed-in' ? t('connectors.mcp.oauth.signInAgain') : t('connectors.mcp.oauth.signIn')}
          </button>
        ) : null}
        {canManage ? (
          <>
            <button type="button" className="button button--small" disabled={busy} onClick={() => act(() => api.invoke('mcp.restart', ref))} data-testid={`mcp-restart-${server.name}`}>
              {server.status === 'running' || server.status === 'failed' ? t('connectors.mcp.restart') : t('connectors.mcp.start')}
            </button>
            {server.status === 'running' || server.status === 'starting' ? (
              <button type="button" className="button button--small" disabled={busy} onClick={() => act(() => api.invoke('mcp.stop', ref))} data-testid={`mcp-stop-${server.name}`}>
                {t('connectors.mcp.stop')}
              </button>
            ) : null}
            <button type="button" className="button button--small button--ghost-danger" onClick={() => setRemoving(true)} data-testid={`mcp-remove-${server.name}`}>
              {t('connectors.mcp.remove')}
            </button>
          </>
        ) : null}
      </div>
      {showTools && tools !== null ? (
        <ul className="mcp-tools" data-testid={`mcp-tools-${server.name}`}>
          {tools.map((tool) => (
            <li key={tool.name} className="mcp-tools__item">
              <span className="connector-card__mono">{tool.mcpName}</span>
              <span className="mcp-tools__kind">{tool.readOnly ? t('connectors.mcp.toolReadOnly') : t('connectors.mcp.toolConfirmed')}</span>
              {tool.description ? <span className="mcp-tools__description">{tool.description}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {removing ? (
        <ConfirmDeleteDialog
          title={t('connectors.mcp.remove.title', { name: server.name })}
          description={t('connectors.mcp.remove.description')}
          text={t('connectors.mcp.remove.what', { secrets: secrets.length > 0 ? t('connectors.mcp.remove.secrets', { names: secrets.join(', ') }) : '' })}
          confirmLabel={t('connectors.mcp.remove.confirm')}
          testId={`mcp-remove-${server.name}`}
          onConfirm={() => api.invoke('mcp.remove', ref)}
          onClose={() => setRemoving(false)}
        />
      ) : null}
    </li>
  );
}
