/** English strings of files attached to messages. */
export const filesEn = {
  'files.attach': 'Attach files',
  'files.attached': 'Files to send',
  'files.preparing': 'Preparing…',
  'files.remove': 'Remove {name}',
  'files.tooLarge': '{name} is too large: a file is at most {max}. Share a link to larger files.',
  'files.save': 'Save {name}',
  'files.saveShort': 'Save',
  'files.downloading': 'Downloading from the relay…',
  'files.uploading': 'Sending {name} to the relay: {percent}%',
  'files.downloadingShare': 'Downloading {name}: {percent}%',
} as const;
