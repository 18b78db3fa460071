/**
 * French messages. Typed as `Dictionary`, so a missing or extra key is a
 * compile error. Non-breaking spaces (\u00a0) precede « : ? ! » as French
 * typography wants.
 */
import type { Dictionary } from './en';
import { agentsFr } from './agentsFr';
import { auditFr } from './auditFr';
import { backupsFr } from './backupsFr';
import { dhFr } from './dhFr';
import { emojiFr } from './emojiFr';
import { eraseImportFr } from './eraseImportFr';
import { relayErasedFr } from './relayErasedFr';
import { exportFr } from './exportFr';
import { filesFr } from './filesFr';
import { knowledgeFr } from './knowledgeFr';
import { membersFr } from './membersFr';
import { rolesFr } from './rolesFr';
import { memoryFr } from './memoryFr';
import { onboardingFr } from './onboardingFr';
import { connectionsFr } from './connectionsFr';
import { connectorsFr } from './connectorsFr';
import { consentsFr } from './consentsFr';
import { keychainFr } from './keychainFr';
import { providersFr } from './providersFr';
import { roomsFr } from './roomsFr';
import { syncDevicesFr } from './syncDevicesFr';
import { uiFr } from './uiFr';
import { usageFr } from './usageFr';

export const fr: Dictionary = {
  ...roomsFr,
  ...backupsFr,
  ...providersFr,
  ...dhFr,
  ...knowledgeFr,
  ...agentsFr,
  ...memoryFr,
  ...membersFr,
  ...rolesFr,
  ...auditFr,
  ...emojiFr,
  ...exportFr,
  ...eraseImportFr,
  ...relayErasedFr,
  ...filesFr,
  ...syncDevicesFr,
  ...uiFr,
  ...usageFr,
  ...onboardingFr,
  ...connectionsFr,
  ...keychainFr,
  ...consentsFr,
  ...connectorsFr,

  'app.loading': 'Ouverture de vos espaces de travail…',
  'app.loadFailed': 'Qwanyx n’a pas pu charger vos espaces de travail.',
  'app.retry': 'Réessayer',

  'connection.lost': 'Déconnecté de l’hôte Qwanyx — reconnexion…',
  'connection.badSecret.title': 'Cette page ne peut pas joindre Qwanyx',
  'connection.badSecret.body': 'Cette page a besoin du lien affiché par `npm run start:web`.',
  'connection.badSecret.hint': 'Ouvrez l’adresse affichée dans le terminal, y compris la partie après #secret=.',


  'error.closed': 'La connexion à Qwanyx a été perdue. Réessayez dans un instant.',
  'error.unexpected': 'Une erreur est survenue. Réessayez.',

  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'common.save': 'Enregistrer',
  'common.saving': 'Enregistrement…',
  'common.saved': 'Enregistré',
  'common.undo': 'Annuler',

  'rail.label': 'Espaces de travail',
  'rail.create': 'Nouvel espace de travail',
  'rail.settings': 'Réglages',
  'rail.archived': 'Espaces archivés',
  'rail.archivedCount': 'Espaces archivés ({count})',
  'rail.more': 'Options de {name}',

  'workspace.menu.label': 'Options de {name}',
  'workspace.menu.rename': 'Renommer…',
  'workspace.menu.appearance': 'Couleur et icône…',
  'workspace.menu.archive': 'Archiver',
  'workspace.menu.unarchive': 'Désarchiver',
  'workspace.menu.sync': 'Synchronisation…',
  'workspace.menu.delete': 'Supprimer…',

  'workspace.badge.team': 'Équipe',
  'workspace.badge.solo': 'Solo',
  'workspace.badge.archived': 'Archivé',

  'workspace.field.name': 'Nom',
  'workspace.field.namePlaceholder': 'p. ex. Acme Corporation',
  'workspace.field.nameRequired': 'Donnez un nom à l’espace de travail.',
  'workspace.field.kind': 'Type',
  'workspace.field.color': 'Couleur',
  'workspace.field.icon': 'Icône',
  'workspace.kind.team': 'Espace d’équipe',
  'workspace.kind.teamHint': 'Pour un client\u00a0: collègues et humains numériques travaillent ensemble.',
  'workspace.kind.solo': 'Solo',
  'workspace.kind.soloHint': 'Vous et vos humains numériques.',

  'workspace.create.title': 'Créer un espace de travail',
  'workspace.create.description': 'Un espace par client sépare ses salons, ses humains numériques et ses données.',
  'workspace.create.submit': 'Créer l’espace',

  'workspace.rename.title': 'Renommer l’espace de travail',
  'workspace.rename.submit': 'Renommer',

  'workspace.appearance.title': 'Couleur et icône',
  'workspace.appearance.preview': 'Aperçu',
  'workspace.appearance.submit': 'Enregistrer l’apparence',
  'workspace.icon.none': 'Utiliser les initiales',
  'workspace.icon.custom': 'Ou tapez un emoji',
  'workspace.icon.choose': 'Utiliser {icon} comme icône',

  'workspace.archive.done': '«\u00a0{name}\u00a0» a été archivé.',
  'workspace.unarchive.done': '«\u00a0{name}\u00a0» est de retour dans la barre.',

  'workspace.archived.title': 'Espaces archivés',
  'workspace.archived.description': 'Les espaces archivés sont masqués de la barre. Leurs données restent sur cet appareil.',
  'workspace.archived.empty': 'Aucun espace archivé. Archivez-en un depuis son menu pour alléger la barre.',
  'workspace.archived.unarchive': 'Désarchiver',
  'workspace.archived.delete': 'Supprimer…',

  'workspace.delete.title': 'Supprimer «\u00a0{name}\u00a0»\u00a0?',
  'workspace.delete.warning': 'L’espace de travail est supprimé définitivement de cet appareil, avec ses salons, ses humains numériques, ses souvenirs et ses identifiants enregistrés. C’est irréversible.',
  'workspace.delete.confirmLabel': 'Pour confirmer, tapez le nom de l’espace\u00a0:',
  'workspace.delete.submit': 'Supprimer l’espace',

  'workspace.header.options': 'Options de l’espace',

  'workspace.empty.title': 'Voici l’espace de travail {name}.',
  'workspace.empty.body': 'Les salons et les humains numériques vivront ici.',
  'workspace.empty.actions': 'Pour commencer',
  'workspace.empty.room.title': 'Ouvrir un salon',
  'workspace.empty.room.body': 'Échangez avec votre équipe et vos humains numériques au même endroit.',
  'workspace.empty.dh.title': 'Ajouter un humain numérique',
  'workspace.empty.dh.body': 'Un coéquipier IA avec sa mémoire, ses tâches et ses connaissances.',
  'workspace.empty.customize.title': 'Personnalisez-le',
  'workspace.empty.customize.body': 'Choisissez une couleur et une icône pour le reconnaître d’un coup d’œil.',
  'workspace.empty.another.title': 'Ajouter un client',
  'workspace.empty.another.body': 'Un espace par client, et tout reste bien séparé.',
  'workspace.empty.shortcut': 'Astuce\u00a0: {shortcut} vous ramène ici depuis n’importe où.',

  'workspace.none.title': 'Aucun espace ouvert',
  'workspace.none.body': 'Créez un espace de travail, ou désarchivez-en un, pour commencer.',

  'settings.title': 'Réglages',
  'settings.section.profile': 'Profil',
  'settings.profile.displayName': 'Nom affiché',
  'settings.profile.email': 'E-mail',
  'settings.profile.emailHint': 'Facultatif. Visible par vos coéquipiers quand vous partagez un espace.',
  'settings.section.preferences': 'Langue et thème',
  'settings.language': 'Langue',
  'settings.language.system': 'Système',
  'settings.language.en': 'English',
  'settings.language.fr': 'Français',
  'settings.theme': 'Thème',
  'settings.theme.system': 'Système',
  'settings.theme.light': 'Clair',
  'settings.theme.dark': 'Sombre',
  'settings.section.security': 'Sécurité',
  'settings.keychain.label': 'Trousseau système',
  'settings.keychain.available': 'Disponible',
  'settings.keychain.backend': 'Service\u00a0: {backend}',
  'settings.keychain.unavailable': 'Indisponible',
  'settings.keychain.explanation': 'Les mots de passe et clés d’API sont gardés uniquement dans le trousseau système, jamais dans les fichiers de Qwanyx.',
  'settings.section.workspaces': 'Espaces de travail',
  'settings.archived.open': 'Espaces archivés ({count})',
  'settings.section.shortcuts': 'Raccourcis clavier',
  'settings.shortcut.switch': 'Aller à l’espace 1 à 9',
  'settings.shortcut.settings': 'Ouvrir les réglages',
  'settings.section.about': 'À propos',
  'settings.about.version': 'Qwanyx {version}',
  'settings.about.shell.electron': 'Application de bureau sur {platform}',
  'settings.about.shell.web': 'Navigateur, servi par l’hôte local sur {platform}',

  'sync.state.local-only': 'Local uniquement',
  'sync.state.offline': 'Hors ligne',
  'sync.state.connecting': 'Connexion…',
  'sync.state.syncing': 'Synchronisation',
  'sync.state.synced': 'Synchronisé',
  'sync.state.error': 'Erreur\u00a0: {reason}',
  'sync.reason.unreachable': 'relais injoignable',
  'sync.reason.not-connected': 'non connecté',
  'sync.reason.no-access': 'pas d’accès',
  'sync.reason.signed-out': 'déconnecté du relais',
  'sync.reason.rejected': 'refusé par le relais',
  'sync.reason.keychain': 'trousseau indisponible',
  'sync.reason.protocol': 'réponse inattendue du relais',
  'sync.indicator.label': 'Synchronisation\u00a0: {status}. Ouvrir les options de synchronisation',
  'sync.pending.none': 'Toutes les modifications sont sur le relais.',
  'sync.pending.one': '1 modification locale pas encore sur le relais',
  'sync.pending.other': '{count} modifications locales pas encore sur le relais',
  'sync.tooltip.localOnly': 'Cet espace reste sur cet appareil. Liez-le à un relais pour le synchroniser.',
  'sync.tooltip.offline': '{relay} est injoignable. Les modifications sont gardées ici et se synchroniseront à son retour.',
  'sync.tooltip.connecting': 'Connexion à {relay}…',
  'sync.tooltip.syncing': 'Échange des modifications avec {relay}.',
  'sync.tooltip.synced': 'À jour avec {relay}.',

  'sync.dialog.title': 'Synchroniser «\u00a0{name}\u00a0»',
  'sync.dialog.localOnly': 'Cet espace n’existe que sur cet appareil. Liez-le à un relais pour l’ouvrir sur vos autres appareils et inviter votre équipe.',
  'sync.dialog.signInFirst': 'Pour le lier, connectez-vous d’abord à un relais.',
  'sync.dialog.linkedTo': 'Lié à {relay} en tant que {email} ({role}).',
  'sync.dialog.relay': 'Relais',
  'sync.dialog.link': 'Lier à ce relais',
  'sync.dialog.linking': 'Liaison…',
  'sync.dialog.otherRelay': 'Se connecter à un autre relais',
  'sync.dialog.retry': 'Réessayer maintenant',
  'sync.dialog.details': 'Détails\u00a0: {reason}',

  'sync.invite.title': 'Inviter quelqu’un',
  'sync.invite.email': 'Son e-mail',
  'sync.invite.role': 'Rôle',
  'sync.invite.submit': 'Créer l’invitation',
  'sync.invite.creating': 'Création…',
  'sync.invite.created': 'Envoyez ceci à {email}. Elle ne sert qu’une fois, jusqu’au {expires}, avec l’adresse du relais {relay}.',
  'sync.invite.token': 'Jeton d’invitation',
  'sync.invite.copy': 'Copier',
  'sync.invite.copied': 'Copié',
  'sync.invite.notAllowed': 'Seuls les propriétaires et les administrateurs de cet espace peuvent inviter.',

  'role.owner': 'Propriétaire',
  'role.admin': 'Administrateur',
  'role.member': 'Membre',
  'role.guest': 'Invité (lecture seule)',

  'relay.signIn.url': 'Adresse du relais',
  'relay.signIn.urlPlaceholder': 'https://relais.exemple.fr',
  'relay.signIn.email': 'Votre e-mail',
  'relay.signIn.sendCode': 'Envoyer le code',
  'relay.signIn.sending': 'Envoi…',
  'relay.signIn.codeSent': 'Nous avons envoyé un code à 8 chiffres à {email}.',
  'relay.signIn.code': 'Code',
  'relay.signIn.submit': 'Se connecter',
  'relay.signIn.signingIn': 'Connexion…',
  'relay.signIn.back': 'Changer d’adresse ou d’e-mail',

  'settings.section.sync': 'Synchronisation',
  'settings.sync.none': 'Connecté à aucun relais\u00a0: vos espaces restent sur cet appareil.',
  'settings.sync.account': '{email} sur {relay}',
  'settings.sync.signOut': 'Se déconnecter',
  'settings.sync.signIn': 'Se connecter à un relais…',
  'settings.sync.join': 'Rejoindre avec une invitation…',

  'join.title': 'Rejoindre un espace de travail',
  'join.description': 'Collez l’invitation reçue. Connectez-vous à son relais avec l’e-mail auquel elle a été envoyée.',
  'join.relay': 'Adresse du relais',
  'join.token': 'Jeton d’invitation',
  'join.submit': 'Rejoindre l’espace',
  'join.joining': 'Connexion à l’espace…',
  'join.signInFirst': 'Connectez-vous d’abord à {relay}, avec l’e-mail auquel l’invitation a été envoyée.',
  'join.done': 'Vous avez rejoint «\u00a0{name}\u00a0».',

  'color.indigo': 'Indigo',
  'color.violet': 'Violet',
  'color.pink': 'Rose',
  'color.red': 'Rouge',
  'color.orange': 'Orange',
  'color.amber': 'Ambre',
  'color.green': 'Vert',
  'color.teal': 'Sarcelle',
  'color.blue': 'Bleu',
  'color.slate': 'Ardoise',
};
