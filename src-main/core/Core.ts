/** The headless core as every shell sees it: one dispatch, one event stream, and direct access for in-process shells. */
import type { EventName } from '../common/contract';
import type { Result } from '../common/Result';
import type { AgentRuntime } from '../agents/runtime/AgentRuntime';
import type { AuditService } from '../domain/audit/AuditService';
import type { DhService } from '../domain/dh/DhService';
import type { KnowledgeService } from '../domain/knowledge/KnowledgeService';
import type { ProviderService } from '../domain/llm/ProviderService';
import type { MemoryService } from '../domain/memory/MemoryService';
import type { RelayAccountService } from '../domain/RelayAccountService';
import type { SyncService } from '../domain/SyncService';
import type { TaskService } from '../domain/tasks/TaskService';
import type { WorkspaceService } from '../domain/WorkspaceService';

export interface Core {
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  /** Direct access for in-process shells (CLI, tests, benchmarks). */
  readonly workspaces: WorkspaceService;
  readonly sync: SyncService;
  readonly relays: RelayAccountService;
  /** Digital humans and their tasks (the agent runtime acts through these). */
  readonly dhs: DhService;
  readonly tasks: TaskService;
  /** Model providers of workspaces: LLM clients and embedders for the agent runtime. */
  readonly providers: ProviderService;
  /** The agent runtime: jobs of digital humans on this device. */
  readonly agents: AgentRuntime;
  readonly audit: AuditService;
  /** Long-term memory of digital humans (recall and memory operations for the agent runtime). */
  readonly memory: MemoryService;
  /** Knowledge bases of workspaces and digital humans (search with sources for the agent runtime). */
  readonly knowledge: KnowledgeService;
  readonly dataDir: string;
  close(): Promise<void>;
}
