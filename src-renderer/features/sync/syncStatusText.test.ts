import { describe, expect, it } from 'vitest';
import type { WorkspaceSyncStatus } from '../../../src-main/common/contract';
import { createTranslator } from '../../lib/i18n/i18n';
import { localOnlyStatus, syncStatusLabel, syncStatusName, syncStatusTooltip } from './syncStatusText';

const erased: WorkspaceSyncStatus = {
  ...localOnlyStatus('ws-1'),
  state: 'error',
  reasonCode: 'removed',
  reason: 'An owner erased this workspace from the relay on 2026-03-14.',
  erasedAt: '2026-03-14T10:00:00.000Z',
  pending: 2,
  relayUrl: 'https://relay.example',
};

describe('the sync indicator of a workspace erased from the relay', () => {
  it('says when, in the tooltip and the accessible name, in English and French', () => {
    const en = createTranslator('en');
    const fr = createTranslator('fr');
    expect(syncStatusLabel(erased, en)).toBe('Erased from the relay');
    expect(syncStatusTooltip(erased, en, 'en')).toBe('Erased from the relay by its owner on March 14, 2026. Your copy stays on this device, no longer synced.');
    expect(syncStatusName(erased, en, 'en')).toBe('Sync: Erased from the relay on March 14, 2026. Open sync options');
    expect(syncStatusLabel(erased, fr)).toBe('Effacé du relais');
    expect(syncStatusTooltip(erased, fr, 'fr')).toBe('Effacé du relais par son propriétaire le 14 mars 2026. Votre copie reste sur cet appareil, sans synchronisation.');
    expect(syncStatusName(erased, fr, 'fr')).toBe('Synchronisation\u00a0: Effacé du relais le 14 mars 2026. Ouvrir les options de synchronisation');
  });

  it('says it without a date when the relay gave none, and leaves other errors as they were', () => {
    const en = createTranslator('en');
    expect(syncStatusTooltip({ ...erased, erasedAt: null }, en, 'en')).toBe('Erased from the relay by its owner. Your copy stays on this device, no longer synced.');
    expect(syncStatusName({ ...erased, erasedAt: undefined }, en, 'en')).toBe('Sync: Erased from the relay. Open sync options');
    const noAccess: WorkspaceSyncStatus = { ...erased, reasonCode: 'no-access', reason: 'The relay refused access', erasedAt: undefined };
    expect(syncStatusLabel(noAccess, en)).toBe('Error: no access');
    expect(syncStatusName(noAccess, en, 'en')).toBe('Sync: Error: no access. Open sync options');
    expect(syncStatusTooltip(noAccess, en, 'en')).toBe('The relay refused access\n2 local changes not yet on the relay');
  });
});
