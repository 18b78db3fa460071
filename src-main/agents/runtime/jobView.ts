/** A job of the outbox as the contract shows it (the UI, the CLI). */
import type { AgentJobView } from '../../common/contract';
import type { AgentJob } from '../../storage/agents/AgentJobStore';

export function jobView(job: AgentJob): AgentJobView {
  return {
    id: job.id,
    kind: job.kind,
    dhId: job.dhId,
    roomId: job.roomId,
    threadRootId: job.threadRootId,
    triggerId: job.triggerId,
    replyId: job.replyId,
    state: job.state,
    attempts: job.attempts,
    nextAt: job.nextAt,
    lastError: job.lastError,
    createdAt: job.createdAt,
  };
}
