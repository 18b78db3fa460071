/** Maps the model provider channels of the contract to the provider service. */
import type { ProviderService } from '../../../domain/llm/ProviderService';
import type { providerChannels } from '../../../common/contract';
import type { Handlers } from '../../dispatchChannel';

export function providerHandlers(providers: ProviderService): Pick<Handlers, keyof typeof providerChannels> {
  const connections = providers.connections();
  return {
    'provider.presets': () => providers.presets(),
    'provider.get': (i) => providers.get(i.workspaceId),
    'provider.set': (i) =>
      providers.set(i.workspaceId, {
        preset: i.preset,
        baseUrl: i.baseUrl,
        chatModel: i.chatModel,
        ...(i.embeddingsModel !== undefined ? { embeddingsModel: i.embeddingsModel } : {}),
        ...(i.embeddingsDimensions !== undefined ? { embeddingsDimensions: i.embeddingsDimensions } : {}),
        ...(i.apiKey !== undefined ? { apiKey: i.apiKey } : {}),
      }),
    'provider.test': (i) => providers.test(i.workspaceId),
    'usage.list': (i) => providers.usage(i.workspaceId, { days: i.days }),
    'provider.use': (i) => providers.use(i.workspaceId, i.connectionId),
    'connection.list': () => connections.list(),
    'connection.save': (i) => connections.save(i),
    'connection.delete': (i) => connections.delete(i.id),
    'connection.test': (i) => connections.test(i),
  };
}
