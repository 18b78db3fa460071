/**
 * The agent jobs of this device, by the message that holds their reply, so
 * a digital human's message can show that it is being written, queued or
 * failed, with Stop and Retry. Kept current by `agent.jobChanged` of every
 * workspace (followed once for the app, so a job that ends while its
 * workspace is off screen is not shown running on return), and seeded by
 * `agent.jobs` when a workspace's rooms open.
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
/** When each reply's entry was last written (performance.now()), so a slow seed never overwrites a newer event. */
const writtenAt = new Map<string, number>();
const listeners = new Set<() => void>();
/** Bumped on every change, for what depends on all jobs at once. */
let version = 0;
/** The states in which a job has not written its reply's final text yet. */
const WRITING: ReadonlySet<AgentJobView['state']> = new Set(['waiting', 'queued', 'running']);

function put(workspaceId: string, job: AgentJobView): void {
  if (job.replyId === null) return;
  const known = byReply.get(job.replyId);
  // Several jobs may share a reply only across retries of one job; the newest state wins.
  if (known && known.job.id === job.id && known.job.attempts > job.attempts) return;
  byReply.set(job.replyId, { workspaceId, job });
  writtenAt.set(job.replyId, performance.now());
  version++;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Follows the jobs of every workspace (mounted once, for the app). */
export function useReplyJobEvents(): void {
  useEffect(() => api.on('agent.jobChanged', (event) => put(event.workspaceId, event.job)), []);
}

/** Loads the jobs of `workspaceId` when its rooms open (and after a reconnection, when events may have been missed). */
export function useReplyJobs(workspaceId: string): void {
  const { generation } = useConnection();
  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    const askedAt = performance.now();
    api.invoke('agent.jobs', { workspaceId, limit: 200 }).then(
      (jobs) => {
        if (cancelled) return;
        // Oldest first; an event that arrived after the question is newer than the answer.
        for (const job of [...jobs].reverse()) if ((writtenAt.get(job.replyId ?? '') ?? -1) < askedAt) put(workspaceId, job);
      },
      (err: unknown) => console.error('Loading the agent jobs failed', err),
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, generation]);
}

/** The job whose reply is message `messageId`, if this device runs it. */
export function useReplyJob(messageId: string): ReplyJob | null {
  return useSyncExternalStore(subscribe, () => byReply.get(messageId) ?? null);
}

/** True while a job of this device has not written the final text of reply `messageId` (waiting, queued or running). */
export function isReplyBeingWritten(messageId: string): boolean {
  const state = byReply.get(messageId)?.job.state;
  return state !== undefined && WRITING.has(state);
}

/** A number that changes whenever any reply job does. */
export function useReplyJobsVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}
