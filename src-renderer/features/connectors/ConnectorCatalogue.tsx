/**
 * The catalogue at the top of Settings → Connectors: every service a
 * workspace can connect (GitHub, Google, Microsoft 365, Notion, EspoCRM,
 * HubSpot, a custom REST API, an MCP server), each with one sentence of
 * what its digital humans can do, one of what waits for approval, where it
 * stands, and the button that opens its setup (or shows its card).
 */
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../lib/i18n/I18nProvider';
import { translatePlural } from '../../lib/i18n/plural';
import { CATALOGUE, type CatalogueId } from './connectorCatalogue';
import { StatusPill, type StatusTone } from './StatusPill';

/** Where an entry stands: a single connection's state, or how many there are. */
export type CatalogueStatus = { kind: 'state'; state: 'connected' | 'reconnect' | 'none' } | { kind: 'count'; count: number };

interface ConnectorCatalogueProps {
  status: Record<CatalogueId, CatalogueStatus>;
  canManage: boolean;
  /** Opens the setup of an entry, or shows its card when it is connected. */
  onChoose(id: CatalogueId): void;
}

const MANY: readonly CatalogueId[] = ['notion', 'espocrm', 'hubspot', 'custom', 'mcp'];

export function ConnectorCatalogue({ status, canManage, onChoose }: ConnectorCatalogueProps): ReactNode {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="connector-catalogue" aria-labelledby="connector-catalogue-title" data-testid="connector-catalogue">
      <h4 id="connector-catalogue-title" className="connectors-mcp__title">
        {t('connectors.catalogue.title')}
      </h4>
      <ul className="connector-catalogue__grid">
        {CATALOGUE.map((id) => {
          const s = status[id];
          const some = s.kind === 'state' ? s.state !== 'none' : s.count > 0;
          const tone: StatusTone = s.kind === 'state' ? (s.state === 'connected' ? 'ok' : s.state === 'reconnect' ? 'warn' : 'idle') : some ? 'ok' : 'idle';
          const label = s.kind === 'state' ? t(`connectors.github.state.${s.state}`) : some ? translatePlural(t, locale, id === 'mcp' ? 'connectors.catalogue.servers' : 'connectors.catalogue.connections', s.count) : t('connectors.github.state.none');
          const action = some && !MANY.includes(id) ? t('connectors.catalogue.show') : MANY.includes(id) ? t('connectors.catalogue.add') : t('connectors.catalogue.connect');
          const name = t(`connectors.catalogue.${id}.name`);
          return (
            <li key={id} className="connector-tile" data-testid={`catalogue-${id}`}>
              <div className="connector-tile__head">
                <span className="connector-tile__name" id={`catalogue-${id}-name`}>
                  {name}
                </span>
                <StatusPill tone={tone} label={label} testId={`catalogue-${id}-status`} />
              </div>
              <p className="connector-tile__text">{t(`connectors.catalogue.${id}.does`)}</p>
              <p className="connector-tile__text connector-tile__approval">{t(`connectors.catalogue.${id}.asks`)}</p>
              {canManage || some ? (
                <button type="button" className="button button--small connector-tile__button" aria-describedby={`catalogue-${id}-name`} onClick={() => onChoose(id)} data-testid={`catalogue-${id}-choose`}>
                  {canManage ? action : t('connectors.catalogue.show')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
