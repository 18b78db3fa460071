/** French messages of the missing-keychain warning (merged into `fr`); exactly the keys of `keychainEn`. */
import type { keychainEn } from './keychainEn';

export const keychainFr: Record<keyof typeof keychainEn, string> = {
  'keychain.title': 'Les clés d’API et mots de passe ne peuvent pas être enregistrés sur cet appareil.',
  'keychain.body': 'Qwanyx garde les secrets uniquement dans le trousseau du système, et aucun ne répond. Tant que ce sera le cas, les clés saisies ne sont pas conservées\u00a0: les humains numériques ne peuvent pas joindre un modèle en ligne et la synchronisation ne peut pas se connecter.',
  'keychain.fix.linux': 'Pour corriger sous Linux\u00a0: installez et lancez GNOME Keyring (paquet gnome-keyring) ou KWallet, fermez puis rouvrez votre session pour qu’elle le démarre, puis appuyez sur Réessayer.',
  'keychain.fix.mac': 'Pour corriger sous macOS\u00a0: ouvrez Trousseaux d’accès et vérifiez que le trousseau de session est déverrouillé, puis appuyez sur Réessayer.',
  'keychain.fix.windows': 'Pour corriger sous Windows\u00a0: vérifiez que le service Gestionnaire d’identification est lancé, puis appuyez sur Réessayer.',
  'keychain.retry': 'Réessayer',
  'keychain.retrying': 'Vérification…',
  'keychain.stillMissing': 'Toujours aucun trousseau qui réponde.',
  'keychain.details': 'Détails',
};
