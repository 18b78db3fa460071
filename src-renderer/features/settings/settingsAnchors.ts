/**
 * The settings sections a link can open (the command palette's settings
 * pages): settings open, then the section scrolls into view and its heading
 * takes the focus.
 */

export const SETTINGS_ANCHORS = ['profile', 'preferences', 'providers', 'connectors', 'audit', 'backups', 'security', 'sync', 'workspaces', 'shortcuts', 'about'] as const;
export type SettingsAnchor = (typeof SETTINGS_ANCHORS)[number];

/** How long the settings dialog may take to appear (it loads on first use). */
const WAIT_MS = 3_000;

export function settingsSectionId(anchor: SettingsAnchor): string {
  return `settings-section-${anchor}`;
}

/** Scrolls to a section of the settings dialog once it is shown (call right after opening settings). */
export function showSettingsSection(anchor: SettingsAnchor): void {
  const started = performance.now();
  const attempt = (): void => {
    const section = document.getElementById(settingsSectionId(anchor));
    if (!section) {
      if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
      return;
    }
    section.scrollIntoView({ block: 'start' });
    const heading = section.querySelector<HTMLElement>('h3');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };
  requestAnimationFrame(attempt);
}
