import type { emojiEn } from './emojiEn';

/** Chaînes françaises du sélecteur d'emoji. */
export const emojiFr: Record<keyof typeof emojiEn, string> = {
  'emoji.search': 'Rechercher un emoji',
  'emoji.skinTone': 'Couleur de peau',
  'emoji.tone.0': 'Couleur de peau par défaut',
  'emoji.tone.1': 'Peau claire',
  'emoji.tone.2': 'Peau moyennement claire',
  'emoji.tone.3': 'Peau légèrement mate',
  'emoji.tone.4': 'Peau mate',
  'emoji.tone.5': 'Peau foncée',
  'emoji.frequent': 'Fréquents',
  'emoji.results': 'Résultats',
  'emoji.none': 'Aucun emoji ne correspond à «\u00a0{query}\u00a0».',
  'emoji.loading': 'Chargement des emoji…',
  'emoji.failed': "La liste des emoji n'a pas pu être chargée. Fermez le sélecteur et réessayez.",
};
