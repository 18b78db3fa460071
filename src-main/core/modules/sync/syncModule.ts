/**
 * Sync: relay accounts (sign-in by emailed code, device tokens), linking a
 * workspace to a relay, invitations, and the connections that carry every
 * synced doc (which docs sync is the doc layout's answer, not this module's).
 */
import { ConfirmationMismatchError, ValidationError } from '../../../common/AppError';
import { syncChannels, syncEvents } from '../../../common/contract';
import { RelayErasureApi } from '../../../sync/RelayErasureApi';
import { RelayAccountService } from '../../../domain/RelayAccountService';
import { SyncService } from '../../../domain/SyncService';
import { defineModule } from '../../FeatureModule';
import { relayCommand } from './relayCommand';
import { inviteCommand } from './inviteCommand';
import { syncCommand } from './syncCommand';
import { presenceModule } from '../presence/presenceModule';

export const syncModule = defineModule({
  name: 'sync',
  channels: syncChannels,
  events: syncEvents,
  cli: [relayCommand, inviteCommand, syncCommand],
  create: (ctx) => {
    const options = ctx.config.sync ?? {};
    const presence = ctx.use(presenceModule);
    const relays = new RelayAccountService({
      relays: ctx.registry.relays,
      secrets: ctx.secrets,
      now: ctx.now,
      onChanged: (accounts) => ctx.bus.emit('relay.accountsChanged', { accounts }),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    });
    const sync = new SyncService({
      registry: ctx.registry,
      workspaces: ctx.workspaces,
      accounts: relays,
      secrets: ctx.secrets,
      now: ctx.now,
      emit: (status) => ctx.bus.emit('sync.statusChanged', status),
      log: ctx.log,
      autoConnect: options.autoConnect ?? true,
      awarenessFor: (id) => presence.awarenessFor(id),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.silenceTimeoutMs !== undefined ? { silenceTimeoutMs: options.silenceTimeoutMs } : {}),
      ...(options.acceptWaitMs !== undefined ? { acceptWaitMs: options.acceptWaitMs } : {}),
    });
    ctx.bus.on('relay.accountsChanged', () => sync.accountsChanged());
    return { relays, sync, profile: ctx.profile };
  },
  handlers: ({ relays, sync, profile }, ctx) => ({
    'relay.requestCode': async (input) => {
      await relays.requestCode(input.url, input.email);
      return { sent: true as const };
    },
    'relay.signIn': async (input) => {
      const account = await relays.signIn(input.url, input.email, input.code);
      // One person, one id: the first relay account this device signs in to becomes the profile's user id.
      profile.linkAccount(account);
      return account;
    },
    'relay.signOut': async (input) => ({ url: input.url, ...(await relays.signOut(input.url)) }),
    'relay.accounts': () => relays.accounts(),
    'relay.devices': (input) => relays.devices(input.url),
    'relay.revokeDevice': async (input) => ({ url: input.url, deviceId: input.deviceId, ...(await relays.revokeDevice(input.url, input.deviceId)) }),
    'workspace.link': (input) => sync.link(input.id, input.relayUrl),
    'workspace.unlinkRelay': (input) => sync.unlink(input.id),
    'workspace.eraseFromRelay': async (input) => {
      const workspace = ctx.workspaces.get(input.id);
      if (input.confirmName !== workspace.name) throw new ConfirmationMismatchError(`Type the workspace name exactly ("${workspace.name}") to erase it from its relay`);
      const link = ctx.registry.relays.getLink(input.id);
      if (!link) throw new ValidationError(`${workspace.name} is not linked to a relay: there is nothing to erase there.`);
      const removed = await new RelayErasureApi(relays.api(link.relayUrl), await relays.deviceToken(link.relayUrl)).eraseWorkspace(input.id);
      ctx.log('info', `erased workspace ${input.id} from ${link.relayUrl}`);
      return removed;
    },
    'invite.create': (input) => sync.createInvite(input.workspaceId, input.email, input.role, input.expiresInHours),
    'invite.accept': (input) => sync.acceptInvite(input.relayUrl, input.token),
    'sync.status': () => sync.status(),
    'sync.reconnect': (input) => sync.reconnect(input.id),
  }),
  start: ({ sync }) => sync.start(),
  close: ({ sync }) => sync.close(),
});
