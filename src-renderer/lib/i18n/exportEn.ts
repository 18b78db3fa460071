/** English strings of workspace export. */
export const exportEn = {
  'workspace.menu.export': 'Export…',
  'export.title': 'Export “{name}”',
  'export.body': 'One zip file with everything this workspace holds: rooms and messages (also as readable Markdown), members and roles, digital humans with their memories, tasks and knowledge, and the audit trail. API keys and passwords are never in it.',
  'export.where': 'It is saved in your Downloads folder. Import it on any computer with: qwanyx workspace import FILE',
  'export.action': 'Export',
  'export.busy': 'Exporting… {docs} of {total} parts',
  'export.done': 'Exported {size} to {path}',
  'export.close': 'Close',
} as const;
