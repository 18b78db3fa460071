/** Maps the digital human channels of the contract to their service. */
import type { dhChannels } from '../../../common/contract';
import type { DhService } from '../../../domain/dh/DhService';
import type { Handlers } from '../../dispatchChannel';

export function dhHandlers(dhs: DhService): Pick<Handlers, keyof typeof dhChannels> {
  return {
    'dh.list': (i) => dhs.list(i.workspaceId, i.includeArchived ?? false),
    'dh.get': (i) => dhs.get(i.workspaceId, i.dh),
    'dh.create': ({ workspaceId, ...input }) => dhs.create(workspaceId, input),
    'dh.update': ({ workspaceId, dhId, ...patch }) => dhs.update(workspaceId, dhId, patch),
    'dh.archive': (i) => dhs.archive(i.workspaceId, i.dhId, i.archived),
    'dh.delete': (i) => dhs.delete(i.workspaceId, i.dhId),
    'dh.templates': () => dhs.templates(),
  };
}
