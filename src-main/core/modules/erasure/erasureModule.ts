/**
 * Erasure and retention (docs/erasure.md): an owner erases a member from a
 * workspace, on the relay, this device and every other device as it syncs,
 * and sets how long messages are kept. The records live in the `erasures`
 * and `retention` maps of the synced `governance` doc, written by the relay
 * alone (common/erasure/erasureRecords.ts). Commands: `qwanyx member erase`,
 * `qwanyx retention`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { erasureChannels } from '../../../common/contract';
import { ERASURES_MAP, RETENTION_MAP } from '../../../common/erasure/erasureRecords';
import { ErasureService } from '../../../domain/erasure/ErasureService';
import { workspaceDir } from '../../../storage/workspacePaths';
import { RelayErasureApi } from '../../../sync/RelayErasureApi';
import { defineModule } from '../../FeatureModule';
import { auditModule } from '../audit/auditModule';
import { filesModule } from '../files/filesModule';
import { membersModule } from '../members/membersModule';
import { syncModule } from '../sync/syncModule';
import { memberEraseCommand, retentionCommand } from './erasureCommands';

export const erasureModule = defineModule({
  name: 'erasure',
  channels: erasureChannels,
  events: {},
  cli: [memberEraseCommand, retentionCommand],
  docs: [{ doc: 'governance', rootMaps: [ERASURES_MAP, RETENTION_MAP], synced: true }],
  create: (ctx) => {
    const { relays } = ctx.use(syncModule);
    const { governance } = ctx.use(membersModule);
    const { files } = ctx.use(filesModule);
    const audit = ctx.use(auditModule);
    const link = (workspaceId: string) => ctx.registry.relays.getLink(workspaceId);
    return new ErasureService({
      workspaces: ctx.workspaces,
      myRole: (workspaceId) => governance.myRole(workspaceId),
      userId: () => ctx.profile.get().userId,
      linked: (workspaceId) => link(workspaceId) !== null,
      relay: async (workspaceId) => {
        const relayUrl = link(workspaceId)?.relayUrl;
        return relayUrl ? new RelayErasureApi(relays.api(relayUrl), await relays.deviceToken(relayUrl)) : null;
      },
      removeFile: (workspaceId, hash) => {
        fs.rmSync(files.blobs(workspaceId).pathOf(hash), { force: true });
        fs.rmSync(path.join(workspaceDir(ctx.config.dataDir, workspaceId), 'files', 'thumbs', `${hash}.png`), { force: true });
      },
      audit: (workspaceId, input) => {
        try {
          audit.record(workspaceId, input);
        } catch (err) {
          ctx.log('error', 'writing the audit trail failed', err);
        }
      },
      settings: { get: (key) => ctx.registry.getSetting(key), set: (key, value) => ctx.registry.setSetting(key, value) },
      log: ctx.log,
      now: ctx.now,
      newId: ctx.newId,
      ...(ctx.config.nativeBinding ? { nativeBinding: ctx.config.nativeBinding } : {}),
    });
  },
  start: (erasure) => erasure.start(),
  close: (erasure) => erasure.close(),
  handlers: (erasure) => ({
    'member.erase': (i) => erasure.eraseMember(i.workspaceId, i.memberId),
    'erasure.list': (i) => erasure.list(i.workspaceId),
    'retention.get': (i) => erasure.retention(i.workspaceId),
    'retention.set': (i) => erasure.setRetention(i.workspaceId, i.days),
    'retention.sweep': (i) => erasure.sweep(i.workspaceId),
  }),
});
