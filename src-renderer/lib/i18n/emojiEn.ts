/** English strings of the emoji picker. */
export const emojiEn = {
  'emoji.search': 'Search emoji',
  'emoji.skinTone': 'Skin tone',
  'emoji.tone.0': 'Default skin tone',
  'emoji.tone.1': 'Light skin tone',
  'emoji.tone.2': 'Medium-light skin tone',
  'emoji.tone.3': 'Medium skin tone',
  'emoji.tone.4': 'Medium-dark skin tone',
  'emoji.tone.5': 'Dark skin tone',
  'emoji.frequent': 'Frequent',
  'emoji.results': 'Search results',
  'emoji.none': 'No emoji matches “{query}”.',
  'emoji.loading': 'Loading emoji…',
  'emoji.failed': 'The emoji list could not be loaded. Close the picker and try again.',
} as const;
