/**
 * The agent jobs of this device, by the message that holds their reply, so
 * a digital human's message can show that it is being written, queued or
 * failed, with Stop and Retry. Seeded by `agent.jobs` when a workspace's
 * rooms open and kept current by `agent.jobChanged`.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { AgentJobView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

export interface ReplyJob {
  workspaceId: string;
  job: AgentJobView;
}

const byReply = new Map<string, ReplyJob>();
const listeners = new Set<() => void>();

function put(workspaceId: string, job: AgentJobView): void {
  if (job.replyId === null) return;
  const known = byReply.get(job.replyId);
  // Several jobs may share a reply only across retries of one job; the newest state wins.
  if (known && known.job.id === job.id && known.job.attempts > job.attempts) return;
  byReply.set(job.replyId, { workspaceId, job });
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Follows the jobs of `workspaceId` while its rooms are on screen. */
export function useReplyJobs(workspaceId: string): void {
  const { generation } = useConnection();
  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    const unsubscribe = api.on('agent.jobChanged', (event) => put(event.workspaceId, event.job));
    api.invoke('agent.jobs', { workspaceId, limit: 200 }).then(
      (jobs) => {
        if (cancelled) return;
        // Oldest first, so a newer event for the same reply is not overwritten.
        for (const job of [...jobs].reverse()) if (!byReply.has(job.replyId ?? '')) put(workspaceId, job);
      },
      (err: unknown) => console.error('Loading the agent jobs failed', err),
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [workspaceId, generation]);
}

/** The job whose reply is message `messageId`, if this device runs it. */
export function useReplyJob(messageId: string): ReplyJob | null {
  return useSyncExternalStore(subscribe, () => byReply.get(messageId) ?? null);
}
