/**
 * Requests to open a workspace's tasks, knowledge or a digital human's
 * profile beside the room (from the sidebar, a clicked reminder, the command
 * palette); the rooms view of that workspace takes the request when it is
 * (or becomes) the one on screen, and shows it as a side panel. The panel
 * on screen is published too, so the sidebar can mark the link to it.
 */
import { useSyncExternalStore } from 'react';
import { createRequestStore } from '../../lib/requestStore';

/** What a side panel of the digital humans shows. */
export type DhPanel =
  /** The tasks of one DH (null: the whole workspace), with task `taskId` open when set. */
  | { kind: 'tasks'; dhId: string | null; taskId: string | null }
  /** The knowledge documents of one DH (null: the workspace's own). */
  | { kind: 'knowledge'; dhId: string | null }
  | { kind: 'dh-profile'; dhId: string };

export interface DhPanelRequest {
  workspaceId: string;
  panel: DhPanel;
  seq: number;
}

const store = createRequestStore<Omit<DhPanelRequest, 'seq'>>();

/** Asks the rooms view of `workspaceId` to show `panel`. */
export function requestDhPanel(workspaceId: string, panel: DhPanel): void {
  store.request({ workspaceId, panel });
}

/** Asks for the tasks view, on task `taskId` of `dhId`'s list when given. */
export function requestTasks(workspaceId: string, dhId: string | null, taskId: string | null = null): void {
  requestDhPanel(workspaceId, { kind: 'tasks', dhId, taskId });
}

/** Asks for the knowledge of the workspace, or of digital human `dhId`. */
export function requestKnowledge(workspaceId: string, dhId: string | null): void {
  requestDhPanel(workspaceId, { kind: 'knowledge', dhId });
}

/** Marks the request as done. */
export function consumeDhPanelRequest(request: DhPanelRequest): void {
  store.consume(request);
}

/** The latest request, whatever its workspace. */
export function useDhPanelRequest(): DhPanelRequest | null {
  return store.useRequest();
}

let shown: { workspaceId: string; panel: DhPanel } | null = null;
const shownListeners = new Set<() => void>();

function subscribeShown(listener: () => void): () => void {
  shownListeners.add(listener);
  return () => shownListeners.delete(listener);
}

/** Says which panel the rooms view of `workspaceId` shows now (null: none). */
export function setShownDhPanel(workspaceId: string, panel: DhPanel | null): void {
  if (panel === null && shown !== null && shown.workspaceId !== workspaceId) return;
  shown = panel ? { workspaceId, panel } : null;
  for (const listener of shownListeners) listener();
}

/** The panel shown beside the room of `workspaceId`, if any. */
export function useShownDhPanel(workspaceId: string): DhPanel | null {
  const current = useSyncExternalStore(subscribeShown, () => shown);
  return current?.workspaceId === workspaceId ? current.panel : null;
}
