/** English strings of a workspace erased from its relay (seen on a device) and of import and export in Settings → Workspaces. */
export const relayErasedEn = {
  'sync.erased.body': 'This workspace was erased from the relay by its owner on {date}; your copy on this device is kept.',
  'sync.erased.bodyNoDate': 'This workspace was erased from the relay by its owner; your copy on this device is kept.',
  'sync.erased.choices': 'It no longer syncs with anyone. Keep working on it offline, as a local workspace, or delete the copy on this device.',
  'sync.erased.keep': 'Keep working offline',
  'sync.erased.delete': 'Delete the copy on this device…',
  'settings.workspaces.export': 'Export this workspace…',
  'import.doneClosed': '“{name}” is imported ({docs} parts, {files} files).',
  'import.open': 'Open “{name}”',
  'sync.state.erased': 'Erased from the relay',
  'sync.tooltip.erased': 'Erased from the relay by its owner on {date}. Your copy stays on this device, no longer synced.',
  'sync.tooltip.erasedNoDate': 'Erased from the relay by its owner. Your copy stays on this device, no longer synced.',
  'sync.indicator.erased': 'Sync: Erased from the relay on {date}. Open sync options',
  'sync.indicator.erasedNoDate': 'Sync: Erased from the relay. Open sync options',
} as const;
