/**
 * Composition root of the headless core. Every shell (Electron, browser host,
 * CLI) builds one Core from a config and talks to it only through `dispatch`
 * and `onEvent`, so behaviour is the same whatever the transport.
 */
import { z } from 'zod';
import type { AppInfo, EventName, EventPayload } from '../common/contract';
import type { Result } from '../common/Result';
import { AgentRuntime, type AgentRuntimeOptions } from '../agents/runtime/AgentRuntime';
import { memoryPortOf } from '../agents/runtime/memoryPortOf';
import { AuditService } from '../domain/audit/AuditService';
import { ProviderService } from '../domain/llm/ProviderService';
import { DhEvents } from '../domain/dh/DhEvents';
import { DhService } from '../domain/dh/DhService';
import { KnowledgeEvents } from '../domain/knowledge/KnowledgeEvents';
import { knowledgePortOf } from '../domain/knowledge/knowledgePortOf';
import { KnowledgeService } from '../domain/knowledge/KnowledgeService';
import type { Embedder } from '../domain/memory/Embedder';
import { MemoryEvents } from '../domain/memory/MemoryEvents';
import { MemoryService } from '../domain/memory/MemoryService';
import { PresenceService } from '../domain/presence/PresenceService';
import { ProfileService } from '../domain/ProfileService';
import { RelayAccountService } from '../domain/RelayAccountService';
import { MessageService } from '../domain/rooms/MessageService';
import { ReadService } from '../domain/rooms/ReadService';
import { RoomEvents } from '../domain/rooms/RoomEvents';
import { RoomsContext } from '../domain/rooms/RoomsContext';
import { RoomService } from '../domain/rooms/RoomService';
import { SearchService } from '../domain/rooms/SearchService';
import { SettingsService } from '../domain/SettingsService';
import { SyncService } from '../domain/SyncService';
import { ReminderScheduler } from '../domain/tasks/ReminderScheduler';
import { TaskService } from '../domain/tasks/TaskService';
import { WorkspaceService } from '../domain/WorkspaceService';
import type { SecretStore } from '../secrets/SecretStore';
import { AppRegistry } from '../storage/AppRegistry';
import type { BackoffOptions } from '../sync/backoffDelay';
import { createHandlers } from './createHandlers';
import { dispatchChannel, formatIssues } from './dispatchChannel';
import { newId } from './newId';

export type LogLevel = 'info' | 'warn' | 'error';

export interface CoreConfig {
  dataDir: string;
  secretStore: SecretStore;
  shell: AppInfo['shell'];
  /** Path of a better_sqlite3.node built for Electron; the package's own build otherwise. */
  nativeBinding?: string;
  log?: (level: LogLevel, msg: string, extra?: unknown) => void;
  now?: () => number;
  newId?: () => string;
  /** Updates per doc before automatic compaction. */
  compactEvery?: number;
  sync?: CoreSyncConfig;
  /** Agent runtime settings (tests shorten the claim wait and the retries). */
  agents?: Partial<AgentRuntimeOptions>;
  /** The embeddings model of a workspace for memory recall; default: the workspace's model provider. */
  embedderFor?: (workspaceId: string) => Embedder | null;
}

/** How the core syncs linked workspaces with their relays. */
export interface CoreSyncConfig {
  /** Connect every linked workspace at start-up (default true; the CLI connects on demand). */
  autoConnect?: boolean;
  /** Reconnection backoff bounds. */
  backoff?: BackoffOptions;
  /** A socket silent this long is presumed dead. */
  silenceTimeoutMs?: number;
  /** How long accepting an invitation waits for the workspace to sync down. */
  acceptWaitMs?: number;
  /** Milliseconds before a relay HTTP request gives up. */
  requestTimeoutMs?: number;
}

export interface Core {
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  /** Direct access for in-process shells (CLI, tests, benchmarks). */
  readonly workspaces: WorkspaceService;
  readonly sync: SyncService;
  readonly relays: RelayAccountService;
  /** Digital humans and their tasks (the agent runtime acts through these). */
  readonly dhs: DhService;
  readonly tasks: TaskService;
  /** Model providers of workspaces: LLM clients and embedders for the agent runtime. */
  readonly providers: ProviderService;
  /** The agent runtime: jobs of digital humans on this device. */
  readonly agents: AgentRuntime;
  readonly audit: AuditService;
  /** Long-term memory of digital humans (recall and memory operations for the agent runtime). */
  readonly memory: MemoryService;
  /** Knowledge bases of workspaces and digital humans (search with sources for the agent runtime). */
  readonly knowledge: KnowledgeService;
  readonly dataDir: string;
  close(): Promise<void>;
}

const configSchema = z.object({
  dataDir: z.string().min(1, 'dataDir is required'),
  shell: z.enum(['electron', 'web', 'cli']),
  nativeBinding: z.string().min(1).optional(),
  compactEvery: z.number().int().min(0).optional(),
  sync: z
    .object({
      autoConnect: z.boolean().optional(),
      backoff: z.object({ minMs: z.number().int().min(1), maxMs: z.number().int().min(1) }).optional(),
      silenceTimeoutMs: z.number().int().min(100).optional(),
      acceptWaitMs: z.number().int().min(0).optional(),
      requestTimeoutMs: z.number().int().min(100).optional(),
    })
    .optional(),
});

const VERSION = '0.1.0';

/** Builds the core: opens app.db, creates the first-launch defaults and wires the services. */
export async function createCore(config: CoreConfig): Promise<Core> {
  const checked = configSchema.safeParse(config);
  if (!checked.success) throw new Error(`Invalid core config: ${formatIssues(checked.error)}`);
  const log = config.log ?? defaultLog;
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of listeners) listener(event, payload);
  }

  const registry = AppRegistry.open(config.dataDir, config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  // Settings need the workspace service and the service notifies settings: tie the knot with a late binding.
  const late: { settings?: SettingsService; sync?: SyncService; roomEvents?: RoomEvents; presence?: PresenceService; agents?: AgentRuntime } = {};
  const ids = config.newId ?? newId;
  const now = config.now ?? Date.now;
  let profile: ProfileService;
  try {
    profile = new ProfileService(registry, ids, (p) => {
      emit('profile.changed', p);
      late.roomEvents?.profileChanged();
      late.presence?.profileChanged();
    });
  } catch (err) {
    registry.close();
    throw err;
  }
  const workspaces = new WorkspaceService({
    dataDir: config.dataDir,
    registry,
    secrets: config.secretStore,
    now,
    newId: ids,
    onListChanged: (list) => {
      emit('workspaces.changed', { workspaces: list });
      late.settings?.notify();
    },
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    ...(config.compactEvery !== undefined ? { compactEvery: config.compactEvery } : {}),
    onError: (err) => log('error', 'background storage work failed', err),
  });
  const settings = new SettingsService(registry, () => workspaces.activeId(), (s) => emit('settings.changed', s));
  late.settings = settings;
  const presence = new PresenceService({
    me: () => profile.get(),
    requireWorkspace: (id) => void workspaces.get(id),
    emit: (p) => emit('presence.changed', p),
  });
  late.presence = presence;
  const syncConfig = config.sync ?? {};
  const relays = new RelayAccountService({
    relays: registry.relays,
    secrets: config.secretStore,
    now: config.now ?? Date.now,
    onChanged: (accounts) => {
      emit('relay.accountsChanged', { accounts });
      late.sync?.accountsChanged();
    },
    ...(syncConfig.requestTimeoutMs !== undefined ? { requestTimeoutMs: syncConfig.requestTimeoutMs } : {}),
  });
  const sync = new SyncService({
    registry,
    workspaces,
    accounts: relays,
    secrets: config.secretStore,
    now: config.now ?? Date.now,
    emit: (status) => emit('sync.statusChanged', status),
    log,
    autoConnect: syncConfig.autoConnect ?? true,
    awarenessFor: (id) => presence.awarenessFor(id),
    ...(syncConfig.backoff ? { backoff: syncConfig.backoff } : {}),
    ...(syncConfig.silenceTimeoutMs !== undefined ? { silenceTimeoutMs: syncConfig.silenceTimeoutMs } : {}),
    ...(syncConfig.acceptWaitMs !== undefined ? { acceptWaitMs: syncConfig.acceptWaitMs } : {}),
  });
  late.sync = sync;
  const roomsContext = new RoomsContext({ workspaces, me: () => profile.get(), now, newId: ids });
  const rooms = new RoomService(roomsContext);
  const reads = new ReadService(roomsContext);
  const roomEvents = new RoomEvents({
    ctx: roomsContext,
    workspaces,
    rooms,
    reads,
    emit,
    syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
    log,
  });
  late.roomEvents = roomEvents;
  const dhs = new DhService(roomsContext);
  const tasks = new TaskService(roomsContext);
  roomsContext.directory.useDhProfiles((workspaceId) => dhs.memberProfiles(workspaceId));
  const reminders = new ReminderScheduler({ workspaces, tasks, now, emit: (p) => {
      emit('task.reminder', p);
      late.agents?.taskReminder(p.workspaceId, p.taskId);
    },
    log,
  });
  const dhEvents = new DhEvents({
    ctx: roomsContext,
    workspaces,
    emit,
    syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
    tasksChanged: () => reminders.poke(),
  });
  sync.onAcknowledged((workspaceId, acks) => roomEvents.acknowledged(workspaceId, acks));
  const providers = new ProviderService({
    workspaces,
    secrets: config.secretStore,
    now,
    log,
    onChanged: (workspaceId) => {
      emit('provider.changed', { workspaceId });
      late.agents?.providerChanged(workspaceId);
      // A new embeddings model: memories get vectors of it, in the background.
      memory.embedding.schedule(workspaceId);
      knowledge.embedding.schedule(workspaceId);
    },
  });
  const memory = new MemoryService({ workspaces, now, newId: ids, embedderFor: config.embedderFor ?? ((id) => providers.embedderFor(id)), log });
  const memoryEvents = new MemoryEvents({
    workspaces,
    stores: memory.stores,
    embedding: memory.embedding,
    emit,
    syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
  });
  const knowledge = new KnowledgeService({
    rooms: roomsContext,
    dhExists: (workspaceId, dhId) => dhs.list(workspaceId, true).some((d) => d.id === dhId),
    now,
    newId: ids,
    embedderFor: config.embedderFor ?? ((id) => providers.embedderFor(id)),
    log,
  });
  const knowledgeEvents = new KnowledgeEvents({
    workspaces,
    stores: knowledge.stores,
    embedding: knowledge.embedding,
    emit,
    syncDoc: (workspaceId, docName) => sync.addDoc(workspaceId, docName),
  });
  const audit = new AuditService({ workspaces, now, newId: ids, changed: (workspaceId) => emit('audit.changed', { workspaceId }) });
  const agents = new AgentRuntime({
    workspaces,
    rooms: roomsContext,
    dhs,
    tasks,
    memory: memoryPortOf(memory),
    knowledge: knowledgePortOf(knowledge),
    providers,
    audit,
    role: (id) => registry.relays.getLink(id)?.role ?? 'owner',
    emit,
    log,
    now,
    newId: ids,
    // A one-shot command records the jobs its messages trigger and leaves them to the app (`qwanyx ask` resumes).
    options: { paused: config.shell === 'cli', ...config.agents },
  });
  late.agents = agents;
  try {
    workspaces.ensureDefaults();
  } catch (err) {
    await sync.close();
    presence.close();
    workspaces.close();
    registry.close();
    throw err;
  }
  sync.start();
  // A one-shot command must not mark reminders as shown: the app on this device would never show them.
  if (config.shell !== 'cli') reminders.start();
  const handlers = createHandlers({
    workspaces,
    profile,
    settings,
    relays,
    sync,
    secrets: config.secretStore,
    rooms: { rooms, messages: new MessageService(roomsContext), reads, search: new SearchService(roomsContext), events: roomEvents },
    dh: { dhs, tasks, userId: () => profile.get().userId },
    presence,
    providers,
    memory,
    knowledge,
    agents,
    audit,
    version: VERSION,
    shell: config.shell,
  });

  let closed = false;
  return {
    workspaces,
    sync,
    relays,
    dhs,
    tasks,
    providers,
    memory,
    knowledge,
    agents,
    audit,
    dataDir: config.dataDir,
    dispatch: (channel, input) => {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'CLOSED', message: 'Qwanyx is shutting down' } });
      return dispatchChannel(handlers, channel, input, (err) => log('error', `channel ${String(channel)} failed`, err));
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      listeners.clear();
      agents.close();
      audit.close();
      roomEvents.close();
      dhEvents.close();
      memoryEvents.close();
      memory.close();
      knowledgeEvents.close();
      knowledge.close();
      reminders.close();
      await sync.close();
      presence.close();
      workspaces.close();
      registry.close();
    },
  };
}

function defaultLog(level: LogLevel, msg: string, extra?: unknown): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), extra: extra instanceof Error ? extra.stack : extra });
  process.stderr.write(`${line}\n`);
}
