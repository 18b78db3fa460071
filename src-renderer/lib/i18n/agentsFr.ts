/** Messages français des contrôles des réponses des humains numériques (fusionnés dans `fr`). */
import type { agentsEn } from './agentsEn';

export const agentsFr: Record<keyof typeof agentsEn, string> = {
  'agents.job.running': '{name} répond…',
  'agents.job.waiting': 'Un autre appareil va peut-être répondre…',
  'agents.job.queued': 'En file d’attente : le serveur du modèle est injoignable. La réponse arrive dès son retour.',
  'agents.job.failed': 'La réponse a échoué : {reason}',
  'agents.job.stop': 'Arrêter',
  'agents.job.retry': 'Réessayer maintenant',
};
