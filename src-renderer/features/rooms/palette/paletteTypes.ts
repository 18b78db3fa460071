/** What the command palette lists. */
import type { ReactNode } from 'react';
import type { MessageKey } from '../../../lib/i18n/i18n';

export type PaletteGroup = 'rooms' | 'people' | 'dhs' | 'tasks' | 'documents' | 'workspaces' | 'settings' | 'actions';

export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  label: string;
  detail?: string;
  /** More words that find the item without being shown (e.g. "model" for the providers page). */
  keywords?: string;
  icon: ReactNode;
  run(): void;
}

/** Groups in the order they show when nothing is typed. */
export const PALETTE_GROUPS: readonly PaletteGroup[] = ['rooms', 'people', 'dhs', 'tasks', 'documents', 'workspaces', 'settings', 'actions'];

export const PALETTE_GROUP_LABELS: Record<PaletteGroup, MessageKey> = {
  rooms: 'rooms.palette.rooms',
  people: 'rooms.palette.people',
  dhs: 'palette.group.dhs',
  tasks: 'palette.group.tasks',
  documents: 'palette.group.documents',
  workspaces: 'rooms.palette.workspaces',
  settings: 'palette.group.settings',
  actions: 'rooms.palette.actions',
};
