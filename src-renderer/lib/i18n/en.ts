/**
 * English messages: the reference dictionary. Its keys define `MessageKey`,
 * so every other language must provide exactly these keys.
 * `{name}`-style placeholders are filled by `translate`.
 */
import { agentsEn } from './agentsEn';
import { auditEn } from './auditEn';
import { backupsEn } from './backupsEn';
import { dhEn } from './dhEn';
import { emojiEn } from './emojiEn';
import { eraseImportEn } from './eraseImportEn';
import { relayErasedEn } from './relayErasedEn';
import { exportEn } from './exportEn';
import { filesEn } from './filesEn';
import { knowledgeEn } from './knowledgeEn';
import { membersEn } from './membersEn';
import { rolesEn } from './rolesEn';
import { memoryEn } from './memoryEn';
import { onboardingEn } from './onboardingEn';
import { connectionsEn } from './connectionsEn';
import { connectorsEn } from './connectorsEn';
import { consentsEn } from './consentsEn';
import { keychainEn } from './keychainEn';
import { providersEn } from './providersEn';
import { roomsEn } from './roomsEn';
import { syncDevicesEn } from './syncDevicesEn';
import { uiEn } from './uiEn';
import { usageEn } from './usageEn';

export const en = {
  ...roomsEn,
  ...backupsEn,
  ...providersEn,
  ...dhEn,
  ...knowledgeEn,
  ...agentsEn,
  ...memoryEn,
  ...membersEn,
  ...rolesEn,
  ...auditEn,
  ...emojiEn,
  ...exportEn,
  ...eraseImportEn,
  ...relayErasedEn,
  ...filesEn,
  ...syncDevicesEn,
  ...uiEn,
  ...usageEn,
  ...onboardingEn,
  ...connectionsEn,
  ...keychainEn,
  ...consentsEn,
  ...connectorsEn,

  'app.loading': 'Opening your workspaces…',
  'app.loadFailed': 'Qwanyx could not load your workspaces.',
  'app.retry': 'Try again',

  'connection.lost': 'Disconnected from the Qwanyx host — reconnecting…',
  'connection.badSecret.title': 'This page cannot reach Qwanyx',
  'connection.badSecret.body': 'This page needs the link printed by `npm run start:web`.',
  'connection.badSecret.hint': 'Open the address shown in the terminal, including the part after #secret=.',


  'error.closed': 'The connection to Qwanyx was lost. Try again in a moment.',
  'error.unexpected': 'Something went wrong. Try again.',

  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.saved': 'Saved',
  'common.undo': 'Undo',

  'rail.label': 'Workspaces',
  'rail.create': 'New workspace',
  'rail.settings': 'Settings',
  'rail.archived': 'Archived workspaces',
  'rail.archivedCount': 'Archived workspaces ({count})',
  'rail.more': 'Options for {name}',

  'workspace.menu.label': 'Options for {name}',
  'workspace.menu.rename': 'Rename…',
  'workspace.menu.appearance': 'Colour and icon…',
  'workspace.menu.archive': 'Archive',
  'workspace.menu.unarchive': 'Unarchive',
  'workspace.menu.sync': 'Sync…',
  'workspace.menu.delete': 'Delete…',

  'workspace.badge.team': 'Team',
  'workspace.badge.solo': 'Solo',
  'workspace.badge.archived': 'Archived',

  'workspace.field.name': 'Name',
  'workspace.field.namePlaceholder': 'e.g. Acme Corporation',
  'workspace.field.nameRequired': 'Give the workspace a name.',
  'workspace.field.kind': 'Kind',
  'workspace.field.color': 'Colour',
  'workspace.field.icon': 'Icon',
  'workspace.kind.team': 'Team workspace',
  'workspace.kind.teamHint': 'For a client: colleagues and digital humans work together.',
  'workspace.kind.solo': 'Solo',
  'workspace.kind.soloHint': 'Just you and your digital humans.',

  'workspace.create.title': 'Create a workspace',
  'workspace.create.description': 'One workspace per client keeps their rooms, digital humans and data apart.',
  'workspace.create.submit': 'Create workspace',

  'workspace.rename.title': 'Rename workspace',
  'workspace.rename.submit': 'Rename',

  'workspace.appearance.title': 'Colour and icon',
  'workspace.appearance.preview': 'Preview',
  'workspace.appearance.submit': 'Save appearance',
  'workspace.icon.none': 'Use initials',
  'workspace.icon.custom': 'Or type an emoji',
  'workspace.icon.choose': 'Use {icon} as the icon',

  'workspace.archive.done': '“{name}” was archived.',
  'workspace.unarchive.done': '“{name}” is back on the rail.',

  'workspace.archived.title': 'Archived workspaces',
  'workspace.archived.description': 'Archived workspaces are hidden from the rail. Their data stays on this device.',
  'workspace.archived.empty': 'No archived workspaces. Archive one from its menu to tidy up the rail.',
  'workspace.archived.unarchive': 'Unarchive',
  'workspace.archived.delete': 'Delete…',

  'workspace.delete.title': 'Delete “{name}”?',
  'workspace.delete.warning': 'This permanently deletes the workspace with its rooms, digital humans, memories and stored credentials from this device. It cannot be undone.',
  'workspace.delete.confirmLabel': 'To confirm, type the workspace name:',
  'workspace.delete.submit': 'Delete workspace',

  'workspace.header.options': 'Workspace options',

  'workspace.empty.title': 'This is {name}’s workspace.',
  'workspace.empty.body': 'Rooms and digital humans will live here.',
  'workspace.empty.actions': 'Get started',
  'workspace.empty.room.title': 'Start a room',
  'workspace.empty.room.body': 'Talk with your team and your digital humans in one place.',
  'workspace.empty.dh.title': 'Add a digital human',
  'workspace.empty.dh.body': 'An AI teammate with its own memory, tasks and knowledge.',
  'workspace.empty.customize.title': 'Make it yours',
  'workspace.empty.customize.body': 'Pick a colour and an icon to recognise it at a glance.',
  'workspace.empty.another.title': 'Add another client',
  'workspace.empty.another.body': 'One workspace per client keeps everything apart.',
  'workspace.empty.shortcut': 'Tip: press {shortcut} to come back here from anywhere.',

  'workspace.none.title': 'No workspace open',
  'workspace.none.body': 'Create a workspace, or bring back an archived one, to get started.',

  'settings.title': 'Settings',
  'settings.section.profile': 'Profile',
  'settings.profile.displayName': 'Display name',
  'settings.profile.email': 'Email',
  'settings.profile.emailHint': 'Optional. Shown to teammates when you share a workspace.',
  'settings.section.preferences': 'Language and theme',
  'settings.language': 'Language',
  'settings.language.system': 'System',
  'settings.language.en': 'English',
  'settings.language.fr': 'Français',
  'settings.theme': 'Theme',
  'settings.theme.system': 'System',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.section.security': 'Security',
  'settings.keychain.label': 'OS keychain',
  'settings.keychain.available': 'Available',
  'settings.keychain.backend': 'Backend: {backend}',
  'settings.keychain.unavailable': 'Not available',
  'settings.keychain.explanation': 'Passwords and API keys are kept only in the OS keychain, never in Qwanyx files.',
  'settings.section.workspaces': 'Workspaces',
  'settings.archived.open': 'Archived workspaces ({count})',
  'settings.section.shortcuts': 'Keyboard shortcuts',
  'settings.shortcut.switch': 'Switch to workspace 1 to 9',
  'settings.shortcut.settings': 'Open settings',
  'settings.section.about': 'About',
  'settings.about.version': 'Qwanyx {version}',
  'settings.about.shell.electron': 'Desktop app on {platform}',
  'settings.about.shell.web': 'Browser, served by the local host on {platform}',

  'sync.state.local-only': 'Local only',
  'sync.state.offline': 'Offline',
  'sync.state.connecting': 'Connecting…',
  'sync.state.syncing': 'Syncing',
  'sync.state.synced': 'Synced',
  'sync.state.error': 'Error: {reason}',
  'sync.reason.unreachable': 'relay unreachable',
  'sync.reason.not-connected': 'not connected',
  'sync.reason.no-access': 'no access',
  'sync.reason.signed-out': 'signed out',
  'sync.reason.rejected': 'refused by the relay',
  'sync.reason.keychain': 'keychain unavailable',
  'sync.reason.protocol': 'unexpected answer from the relay',
  'sync.indicator.label': 'Sync: {status}. Open sync options',
  'sync.pending.none': 'Every change is on the relay.',
  'sync.pending.one': '1 local change not yet on the relay',
  'sync.pending.other': '{count} local changes not yet on the relay',
  'sync.tooltip.localOnly': 'This workspace stays on this device. Link it to a relay to sync it.',
  'sync.tooltip.offline': 'Cannot reach {relay}. Changes are kept here and sync when it is back.',
  'sync.tooltip.connecting': 'Connecting to {relay}…',
  'sync.tooltip.syncing': 'Exchanging changes with {relay}.',
  'sync.tooltip.synced': 'In sync with {relay}.',

  'sync.dialog.title': 'Sync “{name}”',
  'sync.dialog.localOnly': 'This workspace is only on this device. Link it to a relay to open it on your other devices and invite your team.',
  'sync.dialog.signInFirst': 'To link it, first sign in to a relay.',
  'sync.dialog.linkedTo': 'Linked to {relay} as {email} ({role}).',
  'sync.dialog.relay': 'Relay',
  'sync.dialog.link': 'Link to this relay',
  'sync.dialog.linking': 'Linking…',
  'sync.dialog.otherRelay': 'Sign in to another relay',
  'sync.dialog.retry': 'Retry now',
  'sync.dialog.details': 'Details: {reason}',

  'sync.invite.title': 'Invite someone',
  'sync.invite.email': 'Their email',
  'sync.invite.role': 'Role',
  'sync.invite.submit': 'Create invitation',
  'sync.invite.creating': 'Creating…',
  'sync.invite.created': 'Send this to {email}. It works once, until {expires}, with the relay address {relay}.',
  'sync.invite.token': 'Invitation token',
  'sync.invite.copy': 'Copy',
  'sync.invite.copied': 'Copied',
  'sync.invite.notAllowed': 'Only owners and admins of this workspace can invite people.',

  'role.owner': 'Owner',
  'role.admin': 'Admin',
  'role.member': 'Member',
  'role.guest': 'Guest (read-only)',

  'relay.signIn.url': 'Relay address',
  'relay.signIn.urlPlaceholder': 'https://relay.example.com',
  'relay.signIn.email': 'Your email',
  'relay.signIn.sendCode': 'Send code',
  'relay.signIn.sending': 'Sending…',
  'relay.signIn.codeSent': 'We sent an 8-digit code to {email}.',
  'relay.signIn.code': 'Code',
  'relay.signIn.submit': 'Sign in',
  'relay.signIn.signingIn': 'Signing in…',
  'relay.signIn.back': 'Change address or email',

  'settings.section.sync': 'Sync',
  'settings.sync.none': 'Not signed in to any relay: your workspaces stay on this device.',
  'settings.sync.account': '{email} on {relay}',
  'settings.sync.signOut': 'Sign out',
  'settings.sync.signIn': 'Sign in to a relay…',
  'settings.sync.join': 'Join with an invitation…',

  'join.title': 'Join a workspace',
  'join.description': 'Paste the invitation you received. You sign in to its relay with the email it was sent to.',
  'join.relay': 'Relay address',
  'join.token': 'Invitation token',
  'join.submit': 'Join workspace',
  'join.joining': 'Joining…',
  'join.signInFirst': 'Sign in to {relay} first, with the email the invitation was sent to.',
  'join.done': 'You joined “{name}”.',

  'color.indigo': 'Indigo',
  'color.violet': 'Violet',
  'color.pink': 'Pink',
  'color.red': 'Red',
  'color.orange': 'Orange',
  'color.amber': 'Amber',
  'color.green': 'Green',
  'color.teal': 'Teal',
  'color.blue': 'Blue',
  'color.slate': 'Slate',
} as const satisfies Record<string, string>;

/** Every message key of the app. */
export type MessageKey = keyof typeof en;

/** A complete dictionary: one message per key, no more, no less. */
export type Dictionary = Record<MessageKey, string>;
