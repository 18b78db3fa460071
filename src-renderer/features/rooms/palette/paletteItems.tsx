/**
 * Builds the palette's entries: rooms, people, digital humans, other
 * workspaces, settings pages and actions of the rooms view (tasks and
 * documents come from `usePaletteRecords`).
 */
import type { Member, Room, Workspace } from '../../../../src-main/common/contract';
import type { Translate } from '../../../lib/i18n/i18n';
import { CheckIcon, GearIcon, PlusIcon, SparkleIcon } from '../../../lib/ui/icons';
import { CompassIcon, HashIcon, LockIcon, SearchIcon } from '../../../lib/ui/roomIcons';
import { WorkspaceAvatar } from '../../workspaces/WorkspaceAvatar';
import { roomTitle } from '../sidebar/sidebarSections';
import { PersonAvatar } from '../timeline/PersonAvatar';
import { SETTINGS_ANCHORS, type SettingsAnchor } from '../../settings/settingsAnchors';
import type { MessageKey } from '../../../lib/i18n/i18n';
import type { PaletteItem } from './paletteTypes';
import { openShortcutSheet } from './shortcutSheetEvents';

export interface PaletteSources {
  rooms: readonly Room[];
  members: readonly Member[];
  membersById: ReadonlyMap<string, Member>;
  me: string;
  workspaces: readonly Workspace[];
  currentWorkspaceId: string;
  t: Translate;
  openRoom(roomId: string): void;
  messageMember(memberId: string): void;
  openWorkspace(id: string): void;
  createChannel(): void;
  newDm(): void;
  search(): void;
  browse(): void;
  markAllRead(): void;
  settings(anchor?: SettingsAnchor): void;
  createWorkspace(): void;
  newDh?(): void;
  /** A member's own colour (digital humans), so their avatar looks as it does elsewhere. */
  colorOf?(memberId: string): string | null;
}

const SETTINGS_TITLES: Record<SettingsAnchor, MessageKey> = {
  profile: 'settings.section.profile',
  preferences: 'settings.section.preferences',
  providers: 'providers.section',
  connectors: 'connectors.section',
  audit: 'audit.section',
  backups: 'backups.section',
  security: 'settings.section.security',
  sync: 'settings.section.sync',
  workspaces: 'settings.section.workspaces',
  shortcuts: 'settings.section.shortcuts',
  about: 'settings.section.about',
};

/** Words that find a settings page besides its title. */
const SETTINGS_KEYWORDS: Partial<Record<SettingsAnchor, MessageKey>> = {
  providers: 'palette.keywords.providers',
  preferences: 'palette.keywords.preferences',
  security: 'palette.keywords.security',
};

export function paletteItems(s: PaletteSources): PaletteItem[] {
  const { t } = s;
  const rooms: PaletteItem[] = s.rooms
    .filter((r) => !r.archived && (r.joined || r.kind === 'channel'))
    .map((room) => ({
      id: `room-${room.id}`,
      group: 'rooms',
      label: room.kind === 'channel' ? `#${room.name}` : roomTitle(room, s.membersById, s.me),
      detail: room.joined ? room.topic : t('rooms.palette.notJoined'),
      icon: room.kind === 'dm' ? <PersonAvatar name={roomTitle(room, s.membersById, s.me)} size="tiny" /> : room.private ? <LockIcon width={16} height={16} /> : <HashIcon width={16} height={16} />,
      run: () => s.openRoom(room.id),
    }));
  const people: PaletteItem[] = s.members
    .filter((m) => m.id !== s.me)
    .map((member) => ({
      id: `${member.kind === 'dh' ? 'dh' : 'person'}-${member.id}`,
      group: member.kind === 'dh' ? 'dhs' : 'people',
      label: member.displayName,
      detail: `@${member.handle}`,
      icon: <PersonAvatar name={member.displayName} color={s.colorOf?.(member.id) ?? null} size="tiny" digitalHuman={member.kind === 'dh'} />,
      run: () => s.messageMember(member.id),
    }));
  const workspaces: PaletteItem[] = s.workspaces
    .filter((w) => !w.archived && w.id !== s.currentWorkspaceId)
    .map((workspace) => ({
      id: `workspace-${workspace.id}`,
      group: 'workspaces',
      label: workspace.name,
      detail: t('rooms.palette.switchWorkspace'),
      icon: <WorkspaceAvatar name={workspace.name} color={workspace.color} icon={workspace.icon} size="small" />,
      run: () => s.openWorkspace(workspace.id),
    }));
  const settingsPages: PaletteItem[] = SETTINGS_ANCHORS.map((anchor) => {
    const keywords = SETTINGS_KEYWORDS[anchor];
    return {
      id: `settings-${anchor}`,
      group: 'settings',
      label: t(SETTINGS_TITLES[anchor]),
      detail: t('rail.settings'),
      keywords: keywords ? t(keywords) : undefined,
      icon: <GearIcon width={16} height={16} />,
      run: () => s.settings(anchor),
    };
  });
  const action = (id: string, label: string, icon: PaletteItem['icon'], run: () => void): PaletteItem => ({ id: `action-${id}`, group: 'actions', label, icon, run });
  const actions = [
    action('create-channel', t('rooms.channel.create'), <PlusIcon width={16} height={16} />, s.createChannel),
    action('new-dm', t('rooms.dm.create'), <PlusIcon width={16} height={16} />, s.newDm),
    action('search', t('rooms.search.title'), <SearchIcon width={16} height={16} />, s.search),
    action('browse', t('rooms.browse.open'), <CompassIcon width={16} height={16} />, s.browse),
    action('mark-all-read', t('rooms.read.markAll'), <CheckIcon width={16} height={16} />, s.markAllRead),
    action('create-workspace', t('rail.create'), <PlusIcon width={16} height={16} />, s.createWorkspace),
    action('settings', t('rail.settings'), <GearIcon width={16} height={16} />, s.settings),
    action('connect-model', t('palette.action.connectModel'), <SparkleIcon width={16} height={16} />, () => s.settings('providers')),
  ];
  if (s.newDh) actions.splice(2, 0, action('new-dh', t('palette.action.newDh'), <SparkleIcon width={16} height={16} />, s.newDh));
  actions.push(action('shortcuts', t('palette.action.shortcuts'), <span className="command-palette__key">?</span>, openShortcutSheet));
  return [...rooms, ...people, ...workspaces, ...settingsPages, ...actions];
}
