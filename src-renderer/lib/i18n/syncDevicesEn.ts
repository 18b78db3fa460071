/** English strings of the relay devices list (Settings → Sync). */
export const syncDevicesEn = {
  'settings.sync.devices': 'Devices signed in with this account',
  'settings.sync.devicesLoading': 'Loading the devices…',
  'settings.sync.thisDevice': 'This device',
  'settings.sync.deviceSeen': 'Last used {seen} · expires {expires} unless used again',
  'settings.sync.revoke': 'Revoke',
  'settings.sync.revoking': 'Revoking…',
  'settings.sync.revokeLabel': 'Revoke {name}: it is signed out of this relay at once',
  'settings.sync.revokeThisLabel': 'Revoke this device ({name}): signs it out of this relay',
  'settings.sync.signedOutOffline': 'Signed out on this device. The relay could not be reached: revoke this device from another one, or its token expires after 30 days unused.',
} as const;
