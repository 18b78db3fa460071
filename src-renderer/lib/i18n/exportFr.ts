import type { exportEn } from './exportEn';

/** Chaînes françaises de l'export d'un espace de travail. */
export const exportFr: Record<keyof typeof exportEn, string> = {
  'workspace.menu.export': 'Exporter…',
  'export.title': 'Exporter «\u00a0{name}\u00a0»',
  'export.body': "Un seul fichier zip avec tout ce que contient cet espace\u00a0: salons et messages (aussi en Markdown lisible), membres et rôles, humains numériques avec leurs souvenirs, tâches et connaissances, et le journal d'audit. Les clés d'API et les mots de passe n'y sont jamais.",
  'export.where': "Il est enregistré dans votre dossier Téléchargements. Pour l'importer sur n'importe quel ordinateur\u00a0: qwanyx workspace import FICHIER",
  'export.action': 'Exporter',
  'export.busy': 'Export en cours… {docs} parties sur {total}',
  'export.done': '{size} exportés dans {path}',
  'export.close': 'Fermer',
};
