/** The job outbox of an open workspace, one store per workspace handle. */
import { scopeKey } from '../../domain/ScopeKey';
import type { WorkspaceHandle } from '../../domain/WorkspaceHandle';
import { AgentJobStore } from '../../storage/agents/AgentJobStore';

const JOB_STORE = scopeKey<AgentJobStore>('agents.jobStore');

/** The outbox of an open workspace. */
export function jobStoreOf(handle: WorkspaceHandle): AgentJobStore {
  return handle.scoped(JOB_STORE, (h) => new AgentJobStore(h.storage.db));
}
