/**
 * English messages: the reference dictionary. Its keys define `MessageKey`,
 * so every other language must provide exactly these keys.
 * `{name}`-style placeholders are filled by `translate`.
 */
export const en = {
  'app.loading': 'Opening your workspaces…',
  'app.loadFailed': 'Qwanyx could not load your workspaces.',
  'app.retry': 'Try again',

  'connection.lost': 'Disconnected from the Qwanyx host — reconnecting…',
  'connection.badSecret.title': 'This page cannot reach Qwanyx',
  'connection.badSecret.body': 'This page needs the link printed by `npm run start:web`.',
  'connection.badSecret.hint': 'Open the address shown in the terminal, including the part after #secret=.',

  'keychain.banner': 'No OS keychain found: Qwanyx will not store passwords or API keys until one is available.',
  'keychain.reason': 'Reason: {reason}',

  'error.closed': 'The connection to Qwanyx was lost. Try again in a moment.',
  'error.unexpected': 'Something went wrong. Try again.',

  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.saved': 'Saved',
  'common.undo': 'Undo',
  'common.soon': 'Coming soon',

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
