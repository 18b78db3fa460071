/**
 * The tool calls of digital humans' replies, by room and reply, so each
 * reply shows what its digital human looked at or did (docs/tool-call-cards.md).
 * A room's list loads once per connection the first time one of its replies
 * shows (`agent.toolCalls`) and reloads when its messages change: a call is
 * written before the reply's next text, so the change that brings the text
 * brings the call too. A call run once approved sits under the digital
 * human's follow-up reply and is also found by its approval
 * (`useApprovalRun`), so the approval card can say how it went and point to it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ToolCallView } from '../../../src-main/common/contract';
import { api } from '../../lib/api';
import { coalescedReload } from '../../lib/coalescedReload';
import { useConnection } from '../../lib/connection';

const byReply = new Map<string, readonly ToolCallView[]>();
/** The run of each approved action: the follow-up reply it sits under, and the call. */
const byApproval = new Map<string, ApprovalRun>();
const listeners = new Set<() => void>();
const reloads = new Map<string, () => void>();
const loaded = new Set<string>();
const EMPTY: readonly ToolCallView[] = [];
let following = false;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function roomKey(workspaceId: string, roomId: string): string {
  return `${workspaceId}/${roomId}`;
}

function reloadOf(workspaceId: string, roomId: string): () => void {
  const key = roomKey(workspaceId, roomId);
  let reload = reloads.get(key);
  if (!reload) {
    let shown = new Set<string>();
    reload = coalescedReload({
      fetch: () => api.invoke('agent.toolCalls', { workspaceId, roomId }),
      apply: (list) => {
        const next = new Set<string>();
        for (const { messageId, calls } of list) {
          next.add(messageId);
          byReply.set(messageId, calls);
          for (const call of calls) if (call.approvalId) byApproval.set(call.approvalId, { messageId, call });
        }
        for (const id of shown) if (!next.has(id)) byReply.delete(id);
        for (const [approvalId, run] of byApproval) if (!next.has(run.messageId) && shown.has(run.messageId)) byApproval.delete(approvalId);
        shown = next;
        for (const listener of listeners) listener();
      },
      fail: (err) => {
        loaded.delete(key);
        console.error('Loading the tool calls of a room failed', err);
      },
      cancelled: () => false,
    });
    reloads.set(key, reload);
  }
  return reload;
}

/** Follows the tool calls of room `roomId` of `workspaceId` (null: not known yet); any number of replies may ask. */
export function useToolCallFeed(workspaceId: string | null, roomId: string): void {
  const { generation } = useConnection();
  useEffect(() => {
    if (generation === 0 || workspaceId === null) return;
    if (!following) {
      following = true;
      api.on('messages.changed', (e) => {
        if (loaded.has(`${e.workspaceId}/${e.roomId}`)) reloadOf(e.workspaceId, e.roomId)();
      });
    }
    const key = roomKey(workspaceId, roomId);
    const seen = `${generation} ${key}`;
    if (loaded.has(key) && loaded.has(seen)) return;
    loaded.add(key);
    loaded.add(seen);
    reloadOf(workspaceId, roomId)();
  }, [workspaceId, roomId, generation]);
}

/** The run of an approved action as the room shows it. */
export interface ApprovalRun {
  /** The digital human's follow-up reply the call sits under. */
  messageId: string;
  call: ToolCallView;
}

/** The run of approved action `approvalId`, once its card is in the room (needs the room's feed). */
export function useApprovalRun(approvalId: string): ApprovalRun | null {
  return useSyncExternalStore(subscribe, () => byApproval.get(approvalId) ?? null);
}

/** The tool calls of reply `messageId`, in call order. */
export function useToolCalls(messageId: string): readonly ToolCallView[] {
  return useSyncExternalStore(subscribe, () => byReply.get(messageId) ?? EMPTY);
}
