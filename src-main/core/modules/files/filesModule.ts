/**
 * Files attached to messages: content-addressed blobs of the workspace, named
 * by hash from the room doc, image previews made in the core
 * (domain/files/FileService.ts, docs/files.md).
 */
import { fileChannels, fileEvents } from '../../../common/contract';
import { FileService } from '../../../domain/files/FileService';
import { defineModule } from '../../FeatureModule';
import { roomsModule } from '../rooms/roomsModule';
import { fileCommand } from './fileCommand';

export const filesModule = defineModule({
  name: 'files',
  channels: fileChannels,
  events: fileEvents,
  cli: [fileCommand],
  create: (ctx) => {
    const rooms = ctx.use(roomsModule);
    return new FileService({ rooms: rooms.context, messages: rooms.messages, dataDir: ctx.config.dataDir });
  },
  handlers: (files) => ({
    'file.attach': (i) => files.attach(i.workspaceId, i.name, i.type, Buffer.from(i.data, 'base64')),
    'file.post': (i) => files.post(i.workspaceId, i.roomId, i.text, i.threadRootId, i.files),
    'file.list': (i) => files.list(i.workspaceId, i.roomId),
    'file.read': (i) => {
      const { file, bytes } = files.read(i.workspaceId, i.hash);
      return { file, data: bytes.toString('base64') };
    },
    'file.thumbnail': (i) => files.thumbnail(i.workspaceId, i.hash),
    'file.save': (i) => files.save(i.workspaceId, i.hash, i.out),
  }),
});
