/**
 * Model providers: the OpenAI-compatible server, chat and embeddings models
 * of each workspace (API keys in the keychain), the connection test and
 * token usage (docs/providers.md). Local only: nothing of it syncs.
 */
import { providerChannels, providerEvents } from '../../../common/contract';
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
  create: (ctx) =>
    new ProviderService({
      workspaces: ctx.workspaces,
      secrets: ctx.secrets,
      now: ctx.now,
      log: ctx.log,
      onChanged: (workspaceId) => ctx.bus.emit('provider.changed', { workspaceId }),
    }),
  handlers: (providers) => providerHandlers(providers),
});
