/**
 * Consents: whether each member lets digital humans read and remember what
 * they write, per workspace, kept in the `consents` map of the synced
 * `governance` doc (consentDocFormat.ts; each member writes only their own
 * entry, the relay enforces that). The agent runtime keeps the messages of
 * members who declined out of every model request and memory
 * (ConsentService.declined). Command: `qwanyx consent` (docs/consents.md).
 */
import { consentChannels } from '../../../common/contract';
import { ConsentService } from '../../../domain/consents/ConsentService';
import { CONSENTS_MAP } from '../../../storage/consents/consentDocFormat';
import { GOVERNANCE_DOC_NAME } from '../../../storage/governance/quotaDocFormat';
import { defineModule } from '../../FeatureModule';
import { auditModule } from '../audit/auditModule';
import { dhModule } from '../dh/dhModule';
import { memoryModule } from '../memory/memoryModule';
import { roomsModule } from '../rooms/roomsModule';
import { consentCommand } from './consentCommand';

export const consentsModule = defineModule({
  name: 'consents',
  channels: consentChannels,
  events: {},
  cli: [consentCommand],
  docs: [{ doc: GOVERNANCE_DOC_NAME, rootMaps: [CONSENTS_MAP], synced: true }],
  create: (ctx) => {
    const rooms = ctx.use(roomsModule).context;
    const dhs = ctx.use(dhModule).dhs;
    const audit = ctx.use(auditModule);
    return new ConsentService({
      workspaces: ctx.workspaces,
      memory: ctx.use(memoryModule).memory,
      userId: () => rooms.userId,
      myIds: (workspaceId) => rooms.ids(rooms.workspace(workspaceId)),
      aliases: (workspaceId) => rooms.members(rooms.workspace(workspaceId)).aliases,
      dhIds: (workspaceId) => dhs.list(workspaceId, true).map((d) => d.id),
      audit: (workspaceId, input) => {
        try {
          audit.record(workspaceId, input);
        } catch (err) {
          ctx.log('error', 'writing the audit trail failed', err);
        }
      },
      log: ctx.log,
      now: ctx.now,
    });
  },
  handlers: (consents) => ({
    'consent.get': (i) => consents.get(i.workspaceId),
    'consent.set': (i) => consents.set(i.workspaceId, i.dhRead),
  }),
});
