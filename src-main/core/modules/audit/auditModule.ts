/**
 * The audit trail: what digital humans did or were refused, and for whom;
 * each entry signed by the device that wrote it, in a hash chain per device.
 * Owns the `audit` doc.
 */
import { auditChannels, auditEvents } from '../../../common/contract';
import { AuditDeviceKeys } from '../../../domain/audit/AuditDeviceKeys';
import { AuditService } from '../../../domain/audit/AuditService';
import { auditProjection } from '../../../storage/audit/auditProjection';
import { AUDIT_DOC_MAPS } from '../../../storage/audit/auditDocFormat';
import { defineModule } from '../../FeatureModule';
import { auditCommand } from './auditCommand';

export const auditModule = defineModule({
  name: 'audit',
  channels: auditChannels,
  events: auditEvents,
  cli: [auditCommand],
  docs: [{ doc: 'audit', rootMaps: AUDIT_DOC_MAPS, projections: [auditProjection], synced: true }],
  create: (ctx) =>
    new AuditService({
      workspaces: ctx.workspaces,
      keys: new AuditDeviceKeys({ secrets: ctx.secrets, newId: ctx.newId, log: ctx.log }),
      // On a linked workspace the relay checks that an entry's writer is the connected account.
      userOf: (workspaceId) => {
        const link = ctx.registry.relays.getLink(workspaceId);
        const account = link ? ctx.registry.relays.getAccount(link.relayUrl) : null;
        return account?.userId ?? ctx.profile.get().userId;
      },
      now: ctx.now,
      newId: ctx.newId,
      changed: (workspaceId) => ctx.bus.emit('audit.changed', { workspaceId }),
    }),
  handlers: (audit) => ({
    'audit.list': (i) => audit.list(i.workspaceId, { limit: i.limit, beforeAt: i.beforeAt, actorId: i.actorId }),
    'audit.verify': (i) => audit.verify(i.workspaceId),
  }),
  close: async (audit) => {
    audit.close();
    await audit.flush();
  },
});
