/** Messages français des éléments d'interface partagés : Markdown rendu, palette de commandes, aide des raccourcis (fusionnés dans `fr`). */
import type { uiEn } from './uiEn';

export const uiFr: Record<keyof typeof uiEn, string> = {
  'markdown.task.done': 'Fait',
  'markdown.task.open': 'À faire',
};
