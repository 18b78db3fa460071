/** English messages of shared UI pieces: rendered Markdown, the command palette, the shortcut sheet (merged into `en`). */
export const uiEn = {
  'markdown.task.done': 'Done',
  'markdown.task.open': 'To do',

  'palette.group.dhs': 'Digital humans',
  'palette.group.tasks': 'Tasks',
  'palette.group.documents': 'Knowledge',
  'palette.group.settings': 'Settings',
  'palette.action.newDh': 'New digital human',
  'palette.action.connectModel': 'Connect a model',
  'palette.action.shortcuts': 'Keyboard shortcuts',
  'palette.keywords.providers': 'model provider connection api key llm openai ollama',
  'palette.keywords.preferences': 'language theme dark light appearance',
  'palette.keywords.security': 'keychain password keys',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.palette': 'Find rooms, people, tasks, documents, settings and actions',
  'shortcuts.sheet': 'Show this list of shortcuts',
  'shortcuts.search': 'Search messages',
  'shortcuts.switchWorkspace': 'Switch to workspace 1 to 9',
  'shortcuts.settings': 'Open settings',
  'shortcuts.stepRoom': 'Previous or next room',
  'shortcuts.stepUnread': 'Previous or next unread room',
  'shortcuts.send': 'Send the message',
  'shortcuts.newline': 'New line in a message',
  'shortcuts.editLast': 'Edit your last message (in an empty composer)',
  'shortcuts.markRead': 'Mark the room as read, or close a dialog',
};
