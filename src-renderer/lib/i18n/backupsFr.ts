import type { backupsEn } from './backupsEn';

/** Chaînes françaises des sauvegardes et de la récupération : la vue de récupération d'un espace endommagé et sa marque dans la barre. */
export const backupsFr: Record<keyof typeof backupsEn, string> = {
  'rail.damaged': 'Endommagé\u00a0: impossible à ouvrir',
  'recovery.title': '«\u00a0{name}\u00a0» ne peut pas être ouvert',
  'recovery.what': 'Le fichier qui contient cet espace sur cet appareil est endommagé. Cela arrive quand un disque lâche, ou quand un outil de synchronisation ou de sauvegarde copie le fichier pendant qu\'il est écrit. Vos autres espaces ne sont pas touchés, et le fichier endommagé est conservé tel quel.',
  'recovery.details': 'Constaté le {at}\u00a0: {reason}',
  'recovery.choose': 'Choisissez comment le récupérer',
  'recovery.loading': 'Recherche des moyens de le récupérer…',
  'recovery.restore.title': 'Restaurer le dernier instantané',
  'recovery.restore.body': 'Qwanyx a pris un instantané de cet espace le {time}. Il revient tel qu\'il était alors.',
  'recovery.restore.lost': 'Ce qui a été écrit sur cet appareil après, jusqu\'au {since}, n\'y figure pas.',
  'recovery.restore.none': 'Cet espace n\'a pas encore d\'instantané.',
  'recovery.restore.action': 'Restaurer l\'instantané',
  'recovery.restore.done': '«\u00a0{name}\u00a0» est revenu tel qu\'il était le {time}.',
  'recovery.rebuild.title': 'Reconstruire depuis le relais',
  'recovery.rebuild.body': 'Tout ce que le relais {relay} détient pour cet espace revient, avec vos modifications qu\'il n\'avait pas encore reçues si elles sont encore lisibles.',
  'recovery.rebuild.none': 'Cet espace n\'est pas relié à un relais\u00a0: il n\'existe pas de copie à partir de laquelle le reconstruire.',
  'recovery.rebuild.action': 'Reconstruire depuis le relais',
  'recovery.rebuild.done': '«\u00a0{name}\u00a0» a été reconstruit depuis le relais.',
  'recovery.rebuild.partial': '«\u00a0{name}\u00a0» est en cours de reconstruction\u00a0: le relais n\'a pas encore tout envoyé, le reste arrive pendant la synchronisation.',
  'recovery.recover.title': 'Récupérer ce qui est encore lisible',
  'recovery.recover.body': 'Copie toutes les parties du fichier endommagé encore lisibles dans un nouvel espace, «\u00a0{name} (recovered)\u00a0». Les parties situées sur des zones abîmées du disque sont perdues. L\'espace endommagé reste tel quel.',
  'recovery.recover.action': 'Récupérer dans un nouvel espace',
  'recovery.recover.done': 'Ce qui a pu être lu se trouve dans le nouvel espace «\u00a0{name}\u00a0».',
  'recovery.working': 'En cours…',
  'recovery.failed': 'Cela n\'a pas fonctionné\u00a0: {message}',
};
