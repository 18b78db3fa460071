import type { filesEn } from './filesEn';

/** Chaînes françaises des fichiers joints aux messages. */
export const filesFr: Record<keyof typeof filesEn, string> = {
  'files.attach': 'Joindre des fichiers',
  'files.attached': 'Fichiers à envoyer',
  'files.preparing': 'Préparation…',
  'files.remove': 'Retirer {name}',
  'files.tooLarge': '{name} est trop volumineux : un fichier fait au plus {max}. Partagez un lien vers les fichiers plus gros.',
  'files.save': 'Enregistrer {name}',
  'files.saveShort': 'Enregistrer',
  'files.downloading': 'Téléchargement depuis le relais…',
  'files.uploading': 'Envoi de {name} au relais : {percent} %',
  'files.downloadingShare': 'Téléchargement de {name} : {percent} %',
} as const;
