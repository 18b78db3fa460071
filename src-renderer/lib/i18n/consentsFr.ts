/** Textes français des consentements (Paramètres → Confidentialité). */
import type { consentsEn } from './consentsEn';

export const consentsFr: Record<keyof typeof consentsEn, string> = {
  'consents.section': 'Confidentialité',
  'consents.noWorkspace': 'Ouvrez un espace de travail pour choisir ce que les humains numériques peuvent lire de ce que vous y écrivez.',
  'consents.dhRead': 'Les humains numériques peuvent lire et retenir ce que j’écris dans cet espace de travail',
  'consents.dhReadHint': 'Désactivé : aucun humain numérique n’envoie vos messages à un modèle ni n’en garde de souvenir, sur l’appareil d’aucun membre, et ce qu’ils ont appris de vous est oublié. Ils ne peuvent pas non plus répondre à vos propres demandes.',
  'consents.savedOn': 'Enregistré : les humains numériques peuvent lire et retenir ce que vous écrivez ici.',
  'consents.savedOff.one': 'Enregistré : les humains numériques ne lisent plus ce que vous écrivez ici. {count} souvenir appris de vos messages a été oublié.',
  'consents.savedOff.other': 'Enregistré : les humains numériques ne lisent plus ce que vous écrivez ici. {count} souvenirs appris de vos messages ont été oubliés.',
};
