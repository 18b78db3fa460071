/**
 * The settings sections a link can open (the command palette's settings
 * pages, "connect a model"): settings open scrolled to the section, its
 * heading focused. The anchor travels with the request to open the dialog,
 * so the dialog's own first focus lands there: no timer racing the lazy
 * load or the dialog's focus effect.
 */
import { createContext } from 'react';

export const SETTINGS_ANCHORS = ['profile', 'preferences', 'providers', 'connectors', 'audit', 'backups', 'security', 'sync', 'workspaces', 'shortcuts', 'about'] as const;
export type SettingsAnchor = (typeof SETTINGS_ANCHORS)[number];

export function settingsSectionId(anchor: SettingsAnchor): string {
  return `settings-section-${anchor}`;
}

/** The section the open settings dialog was asked to show, if any. */
export const SettingsAnchorContext = createContext<SettingsAnchor | undefined>(undefined);
