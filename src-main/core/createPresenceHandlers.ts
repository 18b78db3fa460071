/** Maps the presence channels of the contract to the presence service. */
import type { PresenceService } from '../domain/presence/PresenceService';
import type { Handlers } from './dispatchChannel';

export function createPresenceHandlers(presence: PresenceService): Pick<Handlers, 'presence.list' | 'presence.setStatus' | 'typing.set'> {
  return {
    'presence.list': (i) => presence.list(i.workspaceId),
    'presence.setStatus': (i) => ({ status: presence.setStatus(i.status) }),
    'typing.set': (i) => ({ typing: presence.setTyping(i.workspaceId, i.roomId, i.threadRootId ?? null, i.typing) }),
  };
}
