/** Messages français des éléments d'interface partagés : Markdown rendu, palette de commandes, aide des raccourcis (fusionnés dans `fr`). */
import type { uiEn } from './uiEn';

export const uiFr: Record<keyof typeof uiEn, string> = {
  'markdown.task.done': 'Fait',
  'markdown.task.open': 'À faire',

  'palette.placeholder': 'Un salon, une personne, une tâche, un document, un réglage ou une action',
  'palette.group.dhs': 'Humains numériques',
  'palette.group.tasks': 'Tâches',
  'palette.group.documents': 'Connaissances',
  'palette.group.settings': 'Réglages',
  'palette.action.newDh': 'Nouvel humain numérique',
  'palette.action.connectModel': 'Connecter un modèle',
  'palette.action.shortcuts': 'Raccourcis clavier',
  'palette.keywords.providers': 'modèle fournisseur connexion clé api llm openai ollama',
  'palette.keywords.preferences': 'langue thème sombre clair apparence',
  'palette.keywords.security': 'trousseau mot de passe clés',

  'shortcuts.title': 'Raccourcis clavier',
  'shortcuts.palette': 'Trouver salons, personnes, tâches, documents, réglages et actions',
  'shortcuts.sheet': 'Afficher cette liste de raccourcis',
  'shortcuts.search': 'Rechercher dans les messages',
  'shortcuts.switchWorkspace': 'Aller à l’espace de travail 1 à 9',
  'shortcuts.settings': 'Ouvrir les réglages',
  'shortcuts.stepRoom': 'Salon précédent ou suivant',
  'shortcuts.stepUnread': 'Salon non lu précédent ou suivant',
  'shortcuts.send': 'Envoyer le message',
  'shortcuts.newline': 'Nouvelle ligne dans un message',
  'shortcuts.editLast': 'Modifier votre dernier message (zone de saisie vide)',
  'shortcuts.markRead': 'Marquer le salon comme lu, ou fermer une fenêtre',
};
