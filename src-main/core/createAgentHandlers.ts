/** Maps the agent and audit channels of the contract to the runtime and the audit trail. */
import type { AgentRuntime } from '../agents/runtime/AgentRuntime';
import type { AuditService } from '../domain/audit/AuditService';
import type { Handlers } from './dispatchChannel';

export function createAgentHandlers(agents: AgentRuntime, audit: AuditService): Pick<Handlers, 'agent.jobs' | 'agent.cancel' | 'agent.retry' | 'audit.list'> {
  return {
    'agent.jobs': (i) => agents.jobs(i.workspaceId, i.limit ?? 100),
    'agent.cancel': (i) => agents.cancel(i.workspaceId, i.jobId),
    'agent.retry': (i) => agents.retry(i.workspaceId, i.jobId),
    'audit.list': (i) => audit.list(i.workspaceId, { limit: i.limit, beforeAt: i.beforeAt, actorId: i.actorId }),
  };
}
