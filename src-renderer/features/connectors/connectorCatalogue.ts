/**
 * What Settings → Connectors offers to connect, in the order the catalogue
 * shows it, and what the shipped REST descriptions ask for. The renderer
 * cannot read the core's descriptions (src-main/integrations/rest/specs), so
 * the few facts the add form needs (authentication, usual address, a name)
 * are repeated here; the core checks everything again on `rest.add`.
 */
import type { RestCredentials } from './RestCredentialFields';

/** One entry of the catalogue. */
export type CatalogueId = 'github' | 'google' | 'microsoft' | 'notion' | 'espocrm' | 'hubspot' | 'custom' | 'mcp';

export const CATALOGUE: readonly CatalogueId[] = ['github', 'google', 'microsoft', 'notion', 'espocrm', 'hubspot', 'custom', 'mcp'];

/** A shipped REST description (`rest.add` `spec`). */
export type ShippedSpec = 'espocrm' | 'hubspot' | 'notion';

/** A REST description the add form starts from: a shipped one or a file. */
export type RestPreset = ShippedSpec | 'custom';

export const SHIPPED_SPECS: readonly ShippedSpec[] = ['espocrm', 'hubspot', 'notion'];

export function isShippedSpec(value: string): value is ShippedSpec {
  return (SHIPPED_SPECS as readonly string[]).includes(value);
}

export type RestAuthKind = RestCredentials['kind'];

export interface RestPresetInfo {
  /** Shown as the card's title. */
  service: string;
  /** The connection name proposed (tools are `rest_<name>_…`). */
  name: string;
  /** The address filled in, or only shown as an example when it depends on the client. */
  baseUrl: string;
  baseUrlIsExample: boolean;
  /** The authentications the person may choose, the description's first. */
  auth: readonly RestAuthKind[];
  /** The header that carries an API key (header authentication). */
  header: string;
  prefix: string;
}

export const REST_PRESETS: Record<ShippedSpec, RestPresetInfo> = {
  espocrm: { service: 'EspoCRM', name: 'espo', baseUrl: 'https://crm.example.com/api/v1', baseUrlIsExample: true, auth: ['hmac', 'header'], header: 'X-Api-Key', prefix: '' },
  hubspot: { service: 'HubSpot', name: 'hubspot', baseUrl: 'https://api.hubapi.com', baseUrlIsExample: false, auth: ['header'], header: 'Authorization', prefix: 'Bearer ' },
  notion: { service: 'Notion', name: 'notion', baseUrl: 'https://api.notion.com/v1', baseUrlIsExample: false, auth: ['header'], header: 'Authorization', prefix: 'Bearer ' },
};

/** The element id of where a catalogue entry is set up, for scrolling there. */
export function setupAnchor(id: CatalogueId): string {
  if (id === 'github' || id === 'google' || id === 'microsoft') return `connector-card-${id}`;
  if (id === 'mcp') return 'connectors-mcp-title';
  return 'connectors-rest-title';
}
