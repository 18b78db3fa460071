/**
 * What a running job sees of the agent runtime. `AgentRuntime` implements
 * it and passes itself to `runAgentJob`, which therefore never imports the
 * runtime: the runtime starts jobs, a job only calls back through this port.
 */
import type { DigitalHuman } from '../../common/contract';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import type { ToolContext } from '../tools/AgentTool';
import type { AgentRuntimeDeps } from './AgentRuntimeDeps';
import type { AgentRuntimeOptions } from './AgentRuntimeOptions';

/** The runtime as a running job uses it. */
export interface AgentJobHost {
  readonly deps: AgentRuntimeDeps;
  readonly options: AgentRuntimeOptions;
  /** True once the runtime is closing: a turn cut short by it goes back to the queue. */
  readonly isClosed: boolean;
  /** Queues `dh` to work on task `taskId`, reporting in `roomId`, for `onBehalfOf` (a hand-off). */
  enqueueTask(workspaceId: string, dh: DigitalHuman, taskId: string, roomId: string, threadRootId: string | null, onBehalfOf: string | null): void;
  /** Records a tool call held for confirmation; returns its id and the name of who must decide. */
  hold(handle: WorkspaceHandle, ctx: ToolContext, tool: string, rawArguments: string): { id: string; decider: string };
}
