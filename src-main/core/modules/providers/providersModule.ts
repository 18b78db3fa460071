/**
 * Model providers: the device's connections (set once, docs/connections.md)
 * and the OpenAI-compatible server, chat and embeddings models of a
 * workspace that has its own (API keys in the keychain), the connection
 * tests and token usage (docs/providers.md). Local only: nothing of it syncs.
 */
import { providerChannels, providerEvents } from '../../../common/contract';
import { ConnectionService } from '../../../domain/llm/ConnectionService';
import { ProviderService } from '../../../domain/llm/ProviderService';
import { llmMigration } from '../../../storage/llm/llmMigration';
import { defineModule } from '../../FeatureModule';
import { providerCommand } from './providerCommand';
import { providerHandlers } from './providerHandlers';

export const providersModule = defineModule({
  name: 'providers',
  channels: providerChannels,
  events: providerEvents,
  cli: [providerCommand],
  migrations: [llmMigration],
  create: (ctx) => {
    const connections = new ConnectionService({
      registry: ctx.registry,
      secrets: ctx.secrets,
      now: ctx.now,
      newId: ctx.newId,
      onChanged: (list, affected) => {
        ctx.bus.emit('connections.changed', { connections: list });
        // Waiting replies of those workspaces run at once on the fixed connection.
        for (const workspaceId of affected) ctx.bus.emit('provider.changed', { workspaceId });
      },
    });
    return new ProviderService({
      workspaces: ctx.workspaces,
      connections,
      secrets: ctx.secrets,
      now: ctx.now,
      log: ctx.log,
      onChanged: (workspaceId) => ctx.bus.emit('provider.changed', { workspaceId }),
    });
  },
  handlers: (providers) => providerHandlers(providers),
});
