/**
 * Actions of digital humans held for the local user's confirmation on this
 * device, by the reply message they belong to, so the room shows them under
 * that message with Approve and Deny. Seeded by `agent.approvals` the first
 * time a reply of a workspace shows, kept current by `agent.approvalChanged`.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { AgentApprovalView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { useConnection } from '../../lib/connection';

const byId = new Map<string, { workspaceId: string; approval: AgentApprovalView }>();
const byReply = new Map<string, readonly AgentApprovalView[]>();
const listeners = new Set<() => void>();
const EMPTY: readonly AgentApprovalView[] = [];

function put(workspaceId: string, approval: AgentApprovalView): void {
  byId.set(approval.id, { workspaceId, approval });
  if (approval.replyId === null) return;
  const others = (byReply.get(approval.replyId) ?? EMPTY).filter((a) => a.id !== approval.id);
  byReply.set(approval.replyId, [...others, approval].sort((a, b) => a.createdAt - b.createdAt));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const loaded = new Set<string>();
let following = false;

/**
 * Follows the held actions of `workspaceId` (null: not known yet). Any
 * number of replies may ask: the workspace's list loads once per connection
 * and `agent.approvalChanged` is followed once for the app.
 */
export function useApprovalFeed(workspaceId: string | null): void {
  const { generation } = useConnection();
  useEffect(() => {
    if (generation === 0 || workspaceId === null) return;
    if (!following) {
      following = true;
      api.on('agent.approvalChanged', (event) => put(event.workspaceId, event.approval));
    }
    const key = `${generation} ${workspaceId}`;
    if (loaded.has(key)) return;
    loaded.add(key);
    api.invoke('agent.approvals', { workspaceId, limit: 200 }).then(
      (list) => {
        for (const a of [...list].reverse()) if ((byId.get(a.id)?.approval.state ?? 'pending') === 'pending') put(workspaceId, a);
      },
      (err: unknown) => {
        loaded.delete(key);
        console.error('Loading the held actions failed', err);
      },
    );
  }, [workspaceId, generation]);
}

/** The held actions of the reply `messageId` (oldest first). */
export function useApprovals(messageId: string): readonly AgentApprovalView[] {
  return useSyncExternalStore(subscribe, () => byReply.get(messageId) ?? EMPTY);
}

/** The workspace a held action belongs to. */
export function workspaceOfApproval(id: string): string | null {
  return byId.get(id)?.workspaceId ?? null;
}

/** Records a decision's result at once (the event follows). */
export function putApproval(workspaceId: string, approval: AgentApprovalView): void {
  put(workspaceId, approval);
}
