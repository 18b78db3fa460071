/**
 * What a running job sees of the agent runtime. `AgentRuntime` implements
 * it and passes itself to `runAgentJob`, which therefore never imports the
 * runtime: the runtime starts jobs, a job only calls back through this port.
 */
import type { DigitalHuman } from '../../common/contract';
import type { AgentRuntimeDeps } from './AgentRuntimeDeps';
import type { AgentRuntimeOptions } from './AgentRuntimeOptions';

/** The runtime as a running job uses it. */
export interface AgentJobHost {
  readonly deps: AgentRuntimeDeps;
  readonly options: AgentRuntimeOptions;
  /** True once the runtime is closing: a turn cut short by it goes back to the queue. */
  readonly isClosed: boolean;
  /** Queues `dh` to work on task `taskId`, reporting in `roomId` (a hand-off). */
  enqueueTask(workspaceId: string, dh: DigitalHuman, taskId: string, roomId: string, threadRootId: string | null): void;
}
