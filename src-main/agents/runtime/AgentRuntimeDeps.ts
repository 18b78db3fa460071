/**
 * What the agent runtime is built from: the services and ports of the rest
 * of the core, wired by hand in core/. A file of its own so a running job
 * (runAgentJob.ts) can name them without importing the runtime class.
 */
import type { EventName, EventPayload } from '../../common/contract';
import type { Logger } from '../../common/Logger';
import type { AuditService } from '../../domain/audit/AuditService';
import type { RoomsContext } from '../../domain/rooms/RoomsContext';
import type { WorkspaceService } from '../../domain/WorkspaceService';
import type { AgentJob } from '../../storage/agents/AgentJobStore';
import type { ConnectorToolRegistry } from '../tools/ConnectorToolRegistry';
import type { AttachmentReader } from './AttachmentReader';
import type { ConsentPort, DhPort, KnowledgePort, MemoryPort, ProviderPort, QuotaPort, RoleSource, TaskPort } from './AgentPorts';
import type { AgentRuntimeOptions } from './AgentRuntimeOptions';

/** The constructor argument of `AgentRuntime`. */
export interface AgentRuntimeDeps {
  workspaces: WorkspaceService;
  rooms: RoomsContext;
  dhs: DhPort;
  tasks: TaskPort;
  memory: MemoryPort | null;
  knowledge: KnowledgePort | null;
  providers: ProviderPort;
  audit: AuditService;
  /** Daily quotas (none: no limits). */
  quotas?: QuotaPort | null;
  /** Consents (none: every member consents). */
  consents?: ConsentPort | null;
  role: RoleSource;
  /** Reads files attached to messages for `read_attachment` (none: the tool is not offered). */
  attachments?: AttachmentReader | null;
  /** The workspace's connector tools (none: built-in tools only). */
  connectors?: ConnectorToolRegistry | null;
  /** Whether `memberId` (the local user when null) may do `permission` in the workspace (none: yes). */
  can?: ((workspaceId: string, memberId: string | null, permission: string) => boolean) | null;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: Logger;
  now: () => number;
  newId: () => string;
  options?: Partial<AgentRuntimeOptions>;
  /** Told when a job's first model request goes out (benchmarks). */
  onFirstRequest?: (job: AgentJob) => void;
}
