/**
 * Settings → Connectors of the active workspace, on this device: the
 * catalogue of what can be connected, then a card per service — GitHub
 * (token or browser sign-in), Google and Microsoft 365 (browser sign-in),
 * the REST connections (EspoCRM, HubSpot, Notion, custom APIs) and the MCP
 * servers. Kept current by `connector.changed` and `mcp.changed`. Those
 * whose role cannot manage connectors (guests: `connector.use` is needed)
 * read only; the core checks every action again.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { useT } from '../../lib/i18n/I18nProvider';
import { useStanding } from '../members/useMembers';
import type { CalendarKind } from './CalendarMailConnectForm';
import { CalendarMailCard } from './CalendarMailCard';
import { ConnectorCatalogue, type CatalogueStatus } from './ConnectorCatalogue';
import { CATALOGUE, isShippedSpec, setupAnchor, type CatalogueId, type RestPreset } from './connectorCatalogue';
import { GithubConnectorCard } from './GithubConnectorCard';
import { McpAddForm } from './McpAddForm';
import { McpServerRow } from './McpServerRow';
import { RestAddForm } from './RestAddForm';
import { RestConnectionCard } from './RestConnectionCard';
import { useFirstPartyConnectors, useMcpServers, useRestConnections } from './useConnectors';

const CALENDARS: readonly CalendarKind[] = ['google', 'microsoft'];

export function ConnectorsSection({ workspaceId }: { workspaceId: string | null }): ReactNode {
  const t = useT();
  if (workspaceId === null) return <p className="field__hint">{t('connectors.noWorkspace')}</p>;
  return <Connectors key={workspaceId} workspaceId={workspaceId} />;
}

/** Scrolls to where `anchor` is set up and puts the focus on its first field (or on it). */
function useReveal(): (anchor: string) => void {
  const [target, setTarget] = useState<{ anchor: string } | null>(null);
  useEffect(() => {
    if (!target) return;
    const el = document.getElementById(target.anchor);
    const box = el?.querySelector('form') ?? el?.closest('section, form') ?? el;
    box?.scrollIntoView({ block: 'start' });
    const field = box?.querySelector<HTMLElement>('input:not([type="radio"]), textarea');
    (field ?? (el instanceof HTMLElement ? el : null))?.focus();
  }, [target]);
  return (anchor) => setTarget({ anchor });
}

function Connectors({ workspaceId }: { workspaceId: string }): ReactNode {
  const t = useT();
  const standingLive = useStanding(workspaceId);
  const standing = standingLive.value;
  const firstParty = useFirstPartyConnectors(workspaceId);
  const rest = useRestConnections(workspaceId);
  const mcp = useMcpServers(workspaceId);
  const [adding, setAdding] = useState(false);
  const [restPreset, setRestPreset] = useState<RestPreset | null>(null);
  const [shownCalendars, setShownCalendars] = useState<CalendarKind[]>([]);
  const reveal = useReveal();
  const canManage = standing !== null && !standing.readOnly;
  const views = firstParty.value ?? [];
  const calendarView = (kind: CalendarKind) => views.find((v) => v.connector === kind && v.state !== 'none') ?? null;
  const connectedCalendar = CALENDARS.find((k) => calendarView(k) !== null) ?? null;

  // A calendar card stays once shown (its connection listed, or opened from the catalogue), so a
  // disconnect can still say what the provider was told; Close hides it again.
  useEffect(() => {
    if (connectedCalendar && !shownCalendars.includes(connectedCalendar)) setShownCalendars((s) => [...s, connectedCalendar]);
  }, [connectedCalendar, shownCalendars]);

  const failed = (err: unknown, testId: string): ReactNode => (
    <p className="form-error" role="alert" data-testid={testId}>
      {t('connectors.loadFailed', { reason: errorMessage(err, t) })}
    </p>
  );
  if ((!standing && !standingLive.error) || (!firstParty.value && !firstParty.error) || (!mcp.value && !mcp.error) || (!rest.value && !rest.error)) {
    return <p className="field__hint">{t('connectors.loading')}</p>;
  }

  const restViews = rest.value ?? [];
  const status = {} as Record<CatalogueId, CatalogueStatus>;
  for (const id of CATALOGUE) {
    if (id === 'github' || id === 'google' || id === 'microsoft') status[id] = { kind: 'state', state: views.find((v) => v.connector === id)?.state ?? 'none' };
    else if (id === 'mcp') status[id] = { kind: 'count', count: mcp.value?.length ?? 0 };
    else if (id === 'custom') status[id] = { kind: 'count', count: restViews.filter((v) => !isShippedSpec(v.specSource)).length };
    else status[id] = { kind: 'count', count: restViews.filter((v) => v.specSource === id).length };
  }

  function choose(id: CatalogueId): void {
    const isRest = id === 'notion' || id === 'espocrm' || id === 'hubspot' || id === 'custom';
    if (canManage && (id === 'google' || id === 'microsoft') && !shownCalendars.includes(id)) setShownCalendars((s) => [...s, id]);
    if (canManage && id === 'mcp') setAdding(true);
    if (canManage && isRest) setRestPreset(id);
    reveal(canManage && isRest ? 'rest-add-anchor' : setupAnchor(id));
  }

  return (
    <div className="connectors-section" data-testid="connectors-section">
      <p className="field__hint">{t('connectors.intro')}</p>
      {!canManage ? (
        <p className="provider-section__notice" data-testid="connectors-read-only">
          {t('connectors.readOnly')}
        </p>
      ) : null}
      <ConnectorCatalogue status={status} canManage={canManage} onChoose={choose} />
      {firstParty.value
        ? views.map((view) => (view.connector === 'github' ? <GithubConnectorCard key={view.connector} workspaceId={workspaceId} view={view} canManage={canManage} /> : null))
        : failed(firstParty.error, 'connectors-load-error')}
      {CALENDARS.filter((k) => shownCalendars.includes(k)).map((kind) => (
        <CalendarMailCard
          key={kind}
          workspaceId={workspaceId}
          kind={kind}
          view={calendarView(kind)}
          otherConnected={connectedCalendar !== null && connectedCalendar !== kind ? connectedCalendar : null}
          canManage={canManage}
          onClose={() => setShownCalendars((s) => s.filter((k) => k !== kind))}
        />
      ))}
      <section className="connectors-mcp" aria-labelledby="connectors-rest-title" data-testid="connectors-rest">
        <h4 id="connectors-rest-title" className="connectors-mcp__title" tabIndex={-1}>
          {t('connectors.rest.title')}
        </h4>
        <p className="connector-card__about">{t('connectors.rest.about')}</p>
        {rest.error && !rest.value ? failed(rest.error, 'rest-load-error') : null}
        {restViews.length === 0 && restPreset === null ? <p className="provider-section__notice">{t('connectors.rest.none')}</p> : null}
        <ul className="connectors-mcp__list">
          {restViews.map((view) => (
            <RestConnectionCard key={view.name} workspaceId={workspaceId} view={view} canManage={canManage} />
          ))}
        </ul>
        <div id="rest-add-anchor">{restPreset !== null && canManage ? <RestAddForm key={restPreset} workspaceId={workspaceId} preset={restPreset} onDone={() => setRestPreset(null)} /> : null}</div>
      </section>
      <section className="connectors-mcp" aria-labelledby="connectors-mcp-title" data-testid="connectors-mcp">
        <h4 id="connectors-mcp-title" className="connectors-mcp__title" tabIndex={-1}>
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
