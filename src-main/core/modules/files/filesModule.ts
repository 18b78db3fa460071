/**
 * Files attached to messages: content-addressed blobs of the workspace, named
 * by hash from the room doc, image previews made in the core
 * (domain/files/FileService.ts), and their transfer to and from the
 * workspace's relay (domain/files/FileTransfer.ts). docs/files.md.
 */
import { fileChannels, fileEvents } from '../../../common/contract';
import { FileService } from '../../../domain/files/FileService';
import { FileTransfer } from '../../../domain/files/FileTransfer';
import { RelayBlobApi } from '../../../sync/RelayBlobApi';
import { defineModule } from '../../FeatureModule';
import { roomsModule } from '../rooms/roomsModule';
import { syncModule } from '../sync/syncModule';
import { fileCommand } from './fileCommand';

export const filesModule = defineModule({
  name: 'files',
  channels: fileChannels,
  events: fileEvents,
  cli: [fileCommand],
  create: (ctx) => {
    const rooms = ctx.use(roomsModule);
    const { relays } = ctx.use(syncModule);
    const files = new FileService({ rooms: rooms.context, messages: rooms.messages, dataDir: ctx.config.dataDir });
    const transfer = new FileTransfer({
      files,
      relay: async (workspaceId) => {
        const link = ctx.registry.relays.getLink(workspaceId);
        if (!link) return null;
        try {
          return new RelayBlobApi(relays.api(link.relayUrl), await relays.deviceToken(link.relayUrl));
        } catch {
          // Signed out of that relay: nothing moves until this device signs in again.
          return null;
        }
      },
      arrived: (workspaceId, roomId, hashes) => ctx.bus.emit('files.arrived', { workspaceId, roomId, hashes }),
      progress: (workspaceId, hash, direction, bytes, total) => ctx.bus.emit('files.progress', { workspaceId, hash, direction, bytes, total }),
      failed: (workspaceId, hash, message) => ctx.bus.emit('files.transferFailed', { workspaceId, hash, message }),
      log: ctx.log,
      retryMs: 2_000,
    });
    files.onPosted = (workspaceId, roomId, posted) => transfer.posted(workspaceId, roomId, posted);
    ctx.bus.on('messages.changed', ({ workspaceId, roomId, messageIds }) => transfer.messagesChanged(workspaceId, roomId, messageIds));
    return { files, transfer };
  },
  handlers: ({ files }) => ({
    'file.attach': (i) => files.attach(i.workspaceId, i.name, i.type, Buffer.from(i.data, 'base64')),
    'file.post': (i) => files.post(i.workspaceId, i.roomId, i.text, i.threadRootId, i.files),
    'file.list': (i) => files.list(i.workspaceId, i.roomId),
    'file.read': (i) => {
      const { file, bytes } = files.read(i.workspaceId, i.hash);
      return { file, data: bytes.toString('base64') };
    },
    'file.thumbnail': (i) => files.thumbnail(i.workspaceId, i.hash),
  }),
  // Files attached offline, or missing from an earlier run, move once the relay answers.
  start: ({ transfer }, ctx) => transfer.resume(ctx.workspaces.list().map((w) => w.id).filter((id) => ctx.registry.relays.getLink(id) !== null)),
  close: ({ transfer }) => transfer.close(),
});
