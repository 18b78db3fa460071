/**
 * The audit trail: what digital humans did or were refused, and for whom.
 * Owns the `audit` doc.
 */
import { auditChannels, auditEvents } from '../../../common/contract';
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
  create: (ctx) => new AuditService({ workspaces: ctx.workspaces, now: ctx.now, newId: ctx.newId, changed: (workspaceId) => ctx.bus.emit('audit.changed', { workspaceId }) }),
  handlers: (audit) => ({
    'audit.list': (i) => audit.list(i.workspaceId, { limit: i.limit, beforeAt: i.beforeAt, actorId: i.actorId }),
  }),
  close: (audit) => audit.close(),
});
