/** Presence and typing: who is online, away or typing, carried by Yjs awareness over each workspace's sync. */
import { presenceChannels, presenceEvents } from '../../../common/contract';
import { PresenceService } from '../../../domain/presence/PresenceService';
import { defineModule } from '../../FeatureModule';

export const presenceModule = defineModule({
  name: 'presence',
  channels: presenceChannels,
  events: presenceEvents,
  create: (ctx) => {
    const presence = new PresenceService({
      me: () => ctx.profile.get(),
      requireWorkspace: (id) => void ctx.workspaces.get(id),
      emit: (p) => ctx.bus.emit('presence.changed', p),
    });
    ctx.bus.on('profile.changed', () => presence.profileChanged());
    return presence;
  },
  handlers: (presence) => ({
    'presence.list': (i) => presence.list(i.workspaceId),
    'presence.setStatus': (i) => ({ status: presence.setStatus(i.status) }),
    'typing.set': (i) => ({ typing: presence.setTyping(i.workspaceId, i.roomId, i.threadRootId ?? null, i.typing) }),
  }),
  close: (presence) => presence.close(),
});
