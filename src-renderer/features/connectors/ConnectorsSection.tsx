/**
 * Settings → Connectors of the active workspace, on this device: GitHub
 * (connect with a token or in the browser, test, replace the token,
 * disconnect) and the MCP servers (add one, status, tools, restart, stop,
 * remove). Kept current by `connector.changed` and `mcp.changed`. Those
 * whose role cannot manage connectors (guests: `connector.use` is needed)
 * read only; the core checks every action again.
 */
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { useStanding } from '../members/useMembers';
import { GithubConnectorCard } from './GithubConnectorCard';
import { McpAddForm } from './McpAddForm';
import { McpServerRow } from './McpServerRow';
import { useFirstPartyConnectors, useMcpServers } from './useConnectors';

export function ConnectorsSection({ workspaceId }: { workspaceId: string | null }): ReactNode {
  const t = useT();
  if (workspaceId === null) return <p className="field__hint">{t('connectors.noWorkspace')}</p>;
  return <Connectors workspaceId={workspaceId} />;
}

function Connectors({ workspaceId }: { workspaceId: string }): ReactNode {
  const t = useT();
  const standingLive = useStanding(workspaceId);
  const standing = standingLive.value;
  const firstParty = useFirstPartyConnectors(workspaceId);
  const mcp = useMcpServers(workspaceId);
  const [adding, setAdding] = useState(false);
  const canManage = standing !== null && !standing.readOnly;
  const failed = (err: unknown, testId: string): ReactNode => (
    <p className="form-error" role="alert" data-testid={testId}>
      {t('connectors.loadFailed', { reason: errorMessage(err, t) })}
    </p>
  );
  if ((!standing && !standingLive.error) || (!firstParty.value && !firstParty.error) || (!mcp.value && !mcp.error)) return <p className="field__hint">{t('connectors.loading')}</p>;
  return (
    <div className="connectors-section" data-testid="connectors-section">
      <p className="field__hint">{t('connectors.intro')}</p>
      {!canManage ? (
        <p className="provider-section__notice" data-testid="connectors-read-only">
          {t('connectors.readOnly')}
        </p>
      ) : null}
      {firstParty.value
        ? firstParty.value.map((view) => (view.connector === 'github' ? <GithubConnectorCard key={view.connector} workspaceId={workspaceId} view={view} canManage={canManage} /> : null))
        : failed(firstParty.error, 'connectors-load-error')}
      <section className="connectors-mcp" aria-labelledby="connectors-mcp-title" data-testid="connectors-mcp">
        <h4 id="connectors-mcp-title" className="connectors-mcp__title">
          {t('connectors.mcp.title')}
        </h4>
        <p className="connector-card__about">{t('connectors.mcp.about')}</p>
        {mcp.error && !mcp.value ? failed(mcp.error, 'mcp-load-error') : null}
        {mcp.value?.length === 0 && !adding ? <p className="provider-section__notice">{t('connectors.mcp.none')}</p> : null}
        <ul className="connectors-mcp__list">
          {(mcp.value ?? []).map((server) => (
            <McpServerRow key={server.name} workspaceId={workspaceId} server={server} canManage={canManage} />
          ))}
        </ul>
        {canManage && !adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="mcp-add">
            {t('connectors.mcp.add')}
          </button>
        ) : null}
        {adding ? <McpAddForm workspaceId={workspaceId} onDone={() => setAdding(false)} /> : null}
      </section>
    </div>
  );
}
