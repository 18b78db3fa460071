/**
 * Composition root of the headless core. Every shell (Electron, browser host,
 * CLI) builds one Core from a config and talks to it only through `dispatch`
 * and `onEvent`, so behaviour is the same whatever the transport.
 *
 * The core is a kernel (the app registry, the local profile, the workspaces
 * and the event bus) and the feature modules of `featureModules`, built in
 * order, started in order and closed in reverse.
 */
import { z } from 'zod';
import type { LogLevel } from '../common/Logger';
import { ProfileService } from '../domain/ProfileService';
import { WorkspaceService } from '../domain/WorkspaceService';
import { AppRegistry } from '../storage/AppRegistry';
import type { Core } from './Core';
import { CoreBus } from './CoreBus';
import type { CoreConfig } from './CoreConfig';
import { containDamage } from './containDamage';
import { dispatchChannel, formatIssues } from './dispatchChannel';
import type { AnyFeatureModule, ModuleContext, ModuleRef } from './FeatureModule';
import { featureModules } from './modules/featureModules';
import { agentsModule } from './modules/agents/agentsModule';
import { auditModule } from './modules/audit/auditModule';
import { dhModule } from './modules/dh/dhModule';
import { knowledgeModule } from './modules/knowledge/knowledgeModule';
import { memoryModule } from './modules/memory/memoryModule';
import { providersModule } from './modules/providers/providersModule';
import { syncModule } from './modules/sync/syncModule';
import { tasksModule } from './modules/tasks/tasksModule';
import { workspaceSchema } from './modules/workspaceSchema';
import { moduleHandlers } from './moduleHandlers';
import { newId } from './newId';

export type { Core } from './Core';
export type { CoreConfig, CoreSyncConfig } from './CoreConfig';

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

/** Builds the core: opens app.db, wires the kernel and every feature module, creates the first-launch defaults. */
export async function createCore(config: CoreConfig): Promise<Core> {
  const checked = configSchema.safeParse(config);
  if (!checked.success) throw new Error(`Invalid core config: ${formatIssues(checked.error)}`);
  const log = config.log ?? defaultLog;
  const now = config.now ?? Date.now;
  const ids = config.newId ?? newId;
  const bus = new CoreBus();

  const registry = AppRegistry.open(config.dataDir, config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  let profile: ProfileService;
  try {
    profile = new ProfileService(registry, ids, (p) => bus.emit('profile.changed', p));
  } catch (err) {
    registry.close();
    throw err;
  }
  const workspaces = new WorkspaceService({
    dataDir: config.dataDir,
    registry,
    secrets: config.secretStore,
    schema: workspaceSchema,
    now,
    newId: ids,
    onListChanged: (list) => bus.emit('workspaces.changed', { workspaces: list }),
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    ...(config.compactEvery !== undefined ? { compactEvery: config.compactEvery } : {}),
    onError: (err) => log('error', 'background storage work failed', err),
    onDamaged: (workspaceId, message) => bus.emit('workspace.damaged', { workspaceId, message }),
  });

  const built = new Map<string, unknown>();
  const ctx: ModuleContext = {
    config,
    log,
    now,
    newId: ids,
    registry,
    secrets: config.secretStore,
    workspaces,
    profile,
    bus,
    use: <S>(module: ModuleRef<S>): S => {
      if (!built.has(module.name)) throw new Error(`Module "${module.name}" is used before it is built: list it earlier in featureModules`);
      return built.get(module.name) as S;
    },
  };
  const made: AnyFeatureModule[] = [];
  const closeAll = async (): Promise<void> => {
    bus.clear();
    for (const module of made.reverse()) await module.close?.(built.get(module.name) as never);
    workspaces.close();
    registry.close();
  };
  try {
    for (const module of featureModules) {
      built.set(module.name, module.create(ctx));
      made.push(module);
    }
    for (const module of featureModules) module.start?.(built.get(module.name) as never, ctx);
  } catch (err) {
    await closeAll();
    throw err;
  }
  const handlers = containDamage(
    moduleHandlers(featureModules, (module) => module.handlers(built.get(module.name) as never, ctx)),
    workspaces,
  );
  const use = ctx.use;

  let closed = false;
  return {
    workspaces,
    sync: use(syncModule).sync,
    relays: use(syncModule).relays,
    dhs: use(dhModule).dhs,
    tasks: use(tasksModule).tasks,
    providers: use(providersModule),
    memory: use(memoryModule).memory,
    knowledge: use(knowledgeModule).knowledge,
    agents: use(agentsModule),
    audit: use(auditModule),
    dataDir: config.dataDir,
    dispatch: (channel, input) => {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'CLOSED', message: 'Qwanyx is shutting down' } });
      return dispatchChannel(handlers, channel, input, (err) => log('error', `channel ${String(channel)} failed`, err));
    },
    onEvent: (listener) => bus.listen(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeAll();
    },
  };
}

function defaultLog(level: LogLevel, msg: string, extra?: unknown): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), extra: extra instanceof Error ? extra.stack : extra });
  process.stderr.write(`${line}\n`);
}
