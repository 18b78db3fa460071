/** English messages of shared UI pieces: rendered Markdown, the command palette, the shortcut sheet (merged into `en`). */
export const uiEn = {
  'markdown.task.done': 'Done',
  'markdown.task.open': 'To do',
};
