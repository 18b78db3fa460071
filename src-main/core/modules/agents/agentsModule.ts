/**
 * The agent runtime: digital humans answer mentions, DMs, handed-off tasks
 * and reminders on this device, through the durable outbox, with tools
 * gated and audited, and actions held for confirmation (docs/agents.md). Owns the `claims` map of each room
 * doc: which device answers a trigger.
 */
import { agentChannels, agentEvents } from '../../../common/contract';
import { AgentRuntime } from '../../../agents/runtime/AgentRuntime';
import { AttachmentReader } from '../../../agents/runtime/AttachmentReader';
import { consentMemoryPort } from '../../../agents/runtime/consentMemoryPort';
import { knowledgePortOf } from '../../../agents/runtime/knowledgePortOf';
import { memoryPortOf } from '../../../agents/runtime/memoryPortOf';
import { roomToolCalls } from '../../../agents/runtime/roomToolCalls';
import { agentMigration } from '../../../storage/agents/agentMigration';
import { approvalMigration } from '../../../storage/agents/approvalMigration';
import { APPROVAL_DECISIONS_MAP, APPROVALS_MAP } from '../../../storage/agents/approvalDocFormat';
import { CLAIMS_MAP } from '../../../storage/agents/claimDocFormat';
import { TOOL_CALLS_MAP } from '../../../storage/agents/toolCallDocFormat';
import { defineModule } from '../../FeatureModule';
import { askCommand } from './askCommand';
import { auditModule } from '../audit/auditModule';
import { connectorToolsModule } from '../connectors/connectorToolsModule';
import { consentsModule } from '../consents/consentsModule';
import { dhModule } from '../dh/dhModule';
import { filesModule } from '../files/filesModule';
import { knowledgeModule } from '../knowledge/knowledgeModule';
import { membersModule } from '../members/membersModule';
import { memoryModule } from '../memory/memoryModule';
import { providersModule } from '../providers/providersModule';
import { quotasModule } from '../quotas/quotasModule';
import { roomsModule } from '../rooms/roomsModule';
import { tasksModule } from '../tasks/tasksModule';

export const agentsModule = defineModule({
  name: 'agents',
  channels: agentChannels,
  events: agentEvents,
  cli: [askCommand],
  docs: [{ doc: 'room/', rootMaps: [CLAIMS_MAP, APPROVALS_MAP, APPROVAL_DECISIONS_MAP, TOOL_CALLS_MAP], synced: true }],
  migrations: [agentMigration, approvalMigration],
  create: (ctx) => {
    const consents = ctx.use(consentsModule);
    const { governance } = ctx.use(membersModule);
    const { files } = ctx.use(filesModule);
    const rooms = ctx.use(roomsModule).context;
    const agents = new AgentRuntime({
      workspaces: ctx.workspaces,
      rooms,
      dhs: ctx.use(dhModule).dhs,
      tasks: ctx.use(tasksModule).tasks,
      memory: consentMemoryPort(memoryPortOf(ctx.use(memoryModule).memory), consents),
      knowledge: knowledgePortOf(ctx.use(knowledgeModule).knowledge),
      providers: ctx.use(providersModule),
      audit: ctx.use(auditModule),
      quotas: ctx.use(quotasModule),
      consents,
      attachments: new AttachmentReader({ rooms, readBlob: (workspaceId, hash) => files.blobs(workspaceId).read(hash), consents }),
      role: (id) => ctx.registry.relays.getLink(id)?.role ?? 'owner',
      connectors: ctx.use(connectorToolsModule).registry,
      can: (workspaceId, memberId, permission) => governance.can(workspaceId, memberId ?? ctx.profile.get().userId, permission),
      emit: (event, payload) => ctx.bus.emit(event, payload),
      log: ctx.log,
      now: ctx.now,
      newId: ctx.newId,
      // A one-shot command records the jobs its messages trigger and leaves them to the app (`qwanyx ask` resumes).
      options: { paused: ctx.config.shell === 'cli', ...ctx.config.agents },
    });
    ctx.bus.on('task.reminder', (p) => agents.taskReminder(p.workspaceId, p.taskId));
    ctx.bus.on('provider.changed', ({ workspaceId }) => agents.providerChanged(workspaceId));
    return agents;
  },
  handlers: (agents) => ({
    'agent.jobs': (i) => agents.jobs(i.workspaceId, i.limit ?? 100),
    'agent.cancel': (i) => agents.cancel(i.workspaceId, i.jobId),
    'agent.retry': (i) => agents.retry(i.workspaceId, i.jobId),
    'agent.approvals': (i) => agents.listApprovals(i.workspaceId, i.roomId ?? null, i.limit ?? 100),
    'agent.decide': (i) => agents.decide(i.workspaceId, i.approvalId, i.decision),
    'agent.toolCalls': (i) => roomToolCalls(agents.deps.rooms, i.workspaceId, i.roomId),
  }),
  close: (agents) => agents.close(),
});
