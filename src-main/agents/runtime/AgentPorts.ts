/**
 * What the agent runtime needs from the rest of the core, as narrow ports,
 * so it can be wired by hand in core/ and tested with real services.
 */
import type { DigitalHuman, RelayRoleName, Task, TaskActor } from '../../common/contract';
import type { CreateTaskInput, TaskFilter, TaskPatch } from '../../domain/tasks/TaskService';
import type { QuotaExceeded } from '../../domain/quotas/QuotaService';
import type { LlmClient } from '../../llm/LlmClient';
import type { QuotaMetric } from '../../storage/governance/quotaDocFormat';
import type { UsageCounts } from '../../storage/governance/usageRecordFormat';

/** An item recalled for a question: a memory, or a message of the conversation history. */
export interface RecalledItem {
  id: string;
  text: string;
  score: number;
  source: string | null;
  kind: string;
  at?: number | null;
  /** For a message, who wrote it. */
  authorId?: string | null;
}

/** A memory operation proposed by the model after a turn. */
export type MemoryOperation =
  | { op: 'ADD'; text: string; kind?: 'fact' | 'preference' | 'event' | 'instruction'; tags?: string[]; importance?: number; sourceMessageIds?: string[] }
  | { op: 'UPDATE'; id: string; text?: string; kind?: 'fact' | 'preference' | 'event' | 'instruction'; tags?: string[]; importance?: number }
  | { op: 'DELETE'; id: string }
  | { op: 'NOOP' };

/** Long-term memory of a (workspace, DH). */
export interface MemoryPort {
  recall(workspaceId: string, dhId: string, query: string, k: number): Promise<RecalledItem[]>;
  /** Memories close to `text`, for the extraction step to compare with. */
  findSimilar(workspaceId: string, dhId: string, text: string, k: number): Promise<RecalledItem[]>;
  /** Applies operations as the DH; returns the ids touched. */
  apply(workspaceId: string, dhId: string, ops: readonly MemoryOperation[]): Promise<string[]>;
}

/** Knowledge snippets with their sources. */
export interface KnowledgePort {
  search(workspaceId: string, dhId: string, query: string, k: number): Promise<{ text: string; source: string }[]>;
}

export interface DhPort {
  list(workspaceId: string): DigitalHuman[];
  get(workspaceId: string, idOrHandle: string): DigitalHuman;
  byHandle(workspaceId: string, handle: string): DigitalHuman | null;
}

export interface TaskPort {
  list(workspaceId: string, filter?: TaskFilter): Task[];
  get(workspaceId: string, taskId: string): Task;
  create(workspaceId: string, dhId: string, input: CreateTaskInput, actor: TaskActor): Task;
  update(workspaceId: string, taskId: string, patch: TaskPatch, actor: TaskActor): Task;
  decompose(workspaceId: string, taskId: string, titles: readonly string[], actor: TaskActor): Task[];
}

export interface ProviderPort {
  /** The workspace's model client; throws NotConfiguredError when none is set. */
  clientFor(workspaceId: string): Promise<LlmClient>;
}

/** Today's use against the daily quotas (QuotaService). */
export interface QuotaPort {
  /** The limit reached by today's use plus `extra`, among `metrics`; null when the next action may go on. */
  check(workspaceId: string, dhId: string, memberId: string | null, extra: Partial<UsageCounts>, metrics: readonly QuotaMetric[]): QuotaExceeded | null;
}

/** Consents (docs/consents.md): whose messages digital humans may not read nor remember. */
export interface ConsentPort {
  /** The member ids (earlier ids included) who declined. */
  declined(workspaceId: string): ReadonlySet<string>;
  /** Of the memories `memoryIds` of `dhId`, those learnt from messages of `members`. */
  learntAmong(workspaceId: string, dhId: string, memoryIds: readonly string[], members: ReadonlySet<string>): Set<string>;
}

/** The local user's role in a workspace (`owner` when it does not sync). */
export type RoleSource = (workspaceId: string) => RelayRoleName;
