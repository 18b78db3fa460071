/** English strings of consents (Settings → Privacy). */
export const consentsEn = {
  'consents.section': 'Privacy',
  'consents.noWorkspace': 'Open a workspace to choose what digital humans may read of what you write there.',
  'consents.dhRead': 'Digital humans may read and remember what I write in this workspace',
  'consents.dhReadHint': 'Off: no digital human sends your messages to a model or keeps a memory of them, on any member’s device, and what they learnt from you is forgotten. They cannot answer your own requests either.',
  'consents.savedOn': 'Saved: digital humans may read and remember what you write here.',
  'consents.savedOff.one': 'Saved: digital humans no longer read what you write here. {count} memory learnt from your messages was forgotten.',
  'consents.savedOff.other': 'Saved: digital humans no longer read what you write here. {count} memories learnt from your messages were forgotten.',
} as const;
