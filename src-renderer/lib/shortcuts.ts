/**
 * Keyboard shortcut helpers. The primary modifier is ⌘ on macOS and Ctrl
 * elsewhere; digits are read from `event.code` so Ctrl+1 also works on
 * layouts (AZERTY) where the 1 key types another character.
 */

/** True on Apple platforms, where the primary modifier is ⌘. */
export function isMac(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? navigator.platform;
  return /mac|iphone|ipad/i.test(platform);
}

/** How the primary modifier is written in the UI: `⌘` or `Ctrl+`. */
export function modifierLabel(): string {
  return isMac() ? '⌘' : 'Ctrl+';
}

/**
 * True when the event holds exactly one of Ctrl or ⌘ and no Alt/Shift. Both
 * are accepted everywhere: neither Ctrl+digit nor ⌘+digit means anything else here.
 */
export function hasPrimaryModifier(event: KeyboardEvent): boolean {
  if (event.altKey || event.shiftKey) return false;
  return event.ctrlKey !== event.metaKey;
}

/** The digit 1..9 of a key press (top row or numpad), or null. */
export function shortcutDigit(event: KeyboardEvent): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  return match ? Number(match[1]) : null;
}
