/**
 * Quotas and usage: daily limits on what digital humans use (model tokens,
 * tool calls, messages) per workspace, per member and per DH, kept in the
 * `quotas` map of the synced `governance` doc (quotaDocFormat.ts; owners
 * and admins write it, the relay enforces that), and what was used, read
 * from the `agent.usage` entries of the audit trail. The agent runtime
 * checks them before each turn, model request, tool call and message.
 * Commands: `qwanyx usage`, `qwanyx quota` (docs/quotas.md).
 */
import { quotaChannels, quotaEvents } from '../../../common/contract';
import { QuotaService } from '../../../domain/quotas/QuotaService';
import { GOVERNANCE_DOC_NAME, QUOTAS_MAP } from '../../../storage/governance/quotaDocFormat';
import { defineModule } from '../../FeatureModule';
import { dhModule } from '../dh/dhModule';
import { roomsModule } from '../rooms/roomsModule';
import { quotaCommand } from './quotaCommand';
import { usageCommand } from './usageCommand';

export const quotasModule = defineModule({
  name: 'quotas',
  channels: quotaChannels,
  events: quotaEvents,
  cli: [usageCommand, quotaCommand],
  docs: [{ doc: GOVERNANCE_DOC_NAME, rootMaps: [QUOTAS_MAP], synced: true }],
  create: (ctx) => {
    const rooms = ctx.use(roomsModule).context;
    const dhs = ctx.use(dhModule).dhs;
    return new QuotaService({
      workspaces: ctx.workspaces,
      role: (id) => ctx.registry.relays.getLink(id)?.role ?? 'owner',
      userId: () => rooms.userId,
      names: (workspaceId) => {
        const names = new Map<string, string>();
        for (const m of rooms.members(rooms.workspace(workspaceId)).byId.values()) names.set(m.id, m.displayName);
        for (const d of dhs.list(workspaceId)) names.set(d.id, d.name);
        return names;
      },
      now: ctx.now,
    });
  },
  handlers: (quotas) => ({
    'quota.get': (i) => quotas.settings(i.workspaceId),
    'quota.set': (i) => quotas.set(i.workspaceId, i.scope, i.id, i.clear ? undefined : i.limits),
    'usage.get': (i) => quotas.usage(i.workspaceId, i.days ?? 14),
  }),
});
