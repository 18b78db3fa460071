import type { syncDevicesEn } from './syncDevicesEn';

/** Chaînes françaises de la liste des appareils d'un relais (Réglages → Synchronisation). */
export const syncDevicesFr: Record<keyof typeof syncDevicesEn, string> = {
  'settings.sync.devices': 'Appareils connectés avec ce compte',
  'settings.sync.devicesLoading': 'Chargement des appareils…',
  'settings.sync.thisDevice': 'Cet appareil',
  'settings.sync.deviceSeen': 'Utilisé le {seen} · expire le {expires} sans nouvelle utilisation',
  'settings.sync.revoke': 'Révoquer',
  'settings.sync.revoking': 'Révocation…',
  'settings.sync.revokeLabel': 'Révoquer {name}\u00a0: il est aussitôt déconnecté de ce relais',
  'settings.sync.revokeThisLabel': 'Révoquer cet appareil ({name})\u00a0: le déconnecte de ce relais',
  'settings.sync.signedOutOffline': 'Déconnecté sur cet appareil. Le relais est injoignable\u00a0: révoquez cet appareil depuis un autre, sinon son jeton expire après 30 jours sans utilisation.',
};
