/** Maps every channel of the contract to the service call that serves it. */
import type { AgentRuntime } from '../agents/runtime/AgentRuntime';
import type { AppInfo } from '../common/contract';
import type { AuditService } from '../domain/audit/AuditService';
import type { ProviderService } from '../domain/llm/ProviderService';
import type { KnowledgeService } from '../domain/knowledge/KnowledgeService';
import type { MemoryService } from '../domain/memory/MemoryService';
import type { PresenceService } from '../domain/presence/PresenceService';
import type { ProfileService } from '../domain/ProfileService';
import type { RelayAccountService } from '../domain/RelayAccountService';
import type { SettingsService } from '../domain/SettingsService';
import type { SyncService } from '../domain/SyncService';
import type { WorkspaceService } from '../domain/WorkspaceService';
import type { SecretStore } from '../secrets/SecretStore';
import { createAgentHandlers } from './createAgentHandlers';
import { createDhHandlers, type DhHandlerDeps } from './createDhHandlers';
import { createKnowledgeHandlers } from './createKnowledgeHandlers';
import { createMemoryHandlers } from './createMemoryHandlers';
import { createPresenceHandlers } from './createPresenceHandlers';
import { createProviderHandlers } from './createProviderHandlers';
import { createRoomHandlers, type RoomHandlerDeps } from './createRoomHandlers';
import type { Handlers } from './dispatchChannel';

export interface HandlerDeps {
  workspaces: WorkspaceService;
  profile: ProfileService;
  settings: SettingsService;
  relays: RelayAccountService;
  sync: SyncService;
  secrets: SecretStore;
  rooms: RoomHandlerDeps;
  dh: DhHandlerDeps;
  presence: PresenceService;
  providers: ProviderService;
  memory: MemoryService;
  knowledge: KnowledgeService;
  agents: AgentRuntime;
  audit: AuditService;
  version: string;
  shell: AppInfo['shell'];
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { workspaces, profile, settings, relays, sync } = deps;
  return {
    'app.info': async () => ({
      version: deps.version,
      platform: process.platform,
      shell: deps.shell,
      keychain: await deps.secrets.status(),
    }),
    'profile.get': () => profile.get(),
    'profile.update': (input) => profile.update(input),
    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),
    'workspace.list': (input) => workspaces.list(input.includeArchived ?? false),
    'workspace.create': (input) =>
      workspaces.create({
        name: input.name,
        kind: input.kind,
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.icon !== undefined ? { icon: input.icon } : {}),
      }),
    'workspace.open': (input) => workspaces.openWorkspace(input.id),
    'workspace.rename': (input) => workspaces.rename(input.id, input.name),
    'workspace.setAppearance': (input) =>
      workspaces.setAppearance(input.id, {
        ...(input.color !== undefined ? { color: input.color } : {}),
        ...(input.icon !== undefined ? { icon: input.icon } : {}),
      }),
    'workspace.setArchived': (input) => workspaces.setArchived(input.id, input.archived),
    'workspace.delete': async (input) => {
      await workspaces.delete(input.id, input.confirmName);
      return { id: input.id };
    },
    'relay.requestCode': async (input) => {
      await relays.requestCode(input.url, input.email);
      return { sent: true as const };
    },
    'relay.signIn': (input) => relays.signIn(input.url, input.email, input.code),
    'relay.signOut': async (input) => {
      await relays.signOut(input.url);
      return { url: input.url };
    },
    'relay.accounts': () => relays.accounts(),
    'workspace.link': (input) => sync.link(input.id, input.relayUrl),
    'invite.create': (input) => sync.createInvite(input.workspaceId, input.email, input.role, input.expiresInHours),
    'invite.accept': (input) => sync.acceptInvite(input.relayUrl, input.token),
    'sync.status': () => sync.status(),
    'sync.reconnect': (input) => sync.reconnect(input.id),
    ...createRoomHandlers(deps.rooms),
    ...createDhHandlers(deps.dh),
    ...createPresenceHandlers(deps.presence),
    ...createProviderHandlers(deps.providers),
    ...createMemoryHandlers(deps.memory),
    ...createKnowledgeHandlers(deps.knowledge),
    ...createAgentHandlers(deps.agents, deps.audit),
  };
}
