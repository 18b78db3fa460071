/** English messages of the missing-keychain warning (merged into `en`). */
export const keychainEn = {
  'keychain.title': 'API keys and passwords cannot be saved on this device.',
  'keychain.body': 'Qwanyx keeps secrets only in the system keychain, and none is answering. Until one does, keys you enter are not stored: digital humans cannot reach a hosted model and sync cannot sign in.',
  'keychain.fix.linux': 'To fix it on Linux: install and start GNOME Keyring (package gnome-keyring) or KWallet, sign out and in again so your session starts it, then press Retry.',
  'keychain.fix.mac': 'To fix it on macOS: open Keychain Access and make sure your login keychain is unlocked, then press Retry.',
  'keychain.fix.windows': 'To fix it on Windows: make sure the Credential Manager service is running, then press Retry.',
  'keychain.retry': 'Retry',
  'keychain.retrying': 'Checking…',
  'keychain.stillMissing': 'Still no keychain answering.',
  'keychain.details': 'Details',
} as const;
