/** Opening the shortcut sheet from anywhere (the palette's action): a window event its host listens to. */

export const SHORTCUT_SHEET_EVENT = 'qwanyx:shortcut-sheet';

export function openShortcutSheet(): void {
  window.dispatchEvent(new Event(SHORTCUT_SHEET_EVENT));
}
