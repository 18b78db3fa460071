/**
 * Routes `messages.changed` of a workspace to the loaded message lists of
 * that room (its timeline and any open thread), which refetch what changed.
 * After a reconnection of the bridge (browser mode), events may have been
 * missed: the loaded lists load their latest page again.
 */
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api';
import { useConnection } from '../../../lib/connection';
import { loadedStoresOf, loadedStoresOfWorkspace } from './MessageListStore';

export function useMessageEvents(workspaceId: string, onError: (err: unknown) => void): void {
  const { generation } = useConnection();
  const seenGeneration = useRef(generation);
  useEffect(() => {
    if (generation === seenGeneration.current) return;
    seenGeneration.current = generation;
    for (const store of loadedStoresOfWorkspace(workspaceId)) store.loadLatest().catch(onError);
  }, [generation, workspaceId, onError]);

  useEffect(
    () =>
      api.on('messages.changed', (event) => {
        if (event.workspaceId !== workspaceId) return;
        for (const store of loadedStoresOf(workspaceId, event.roomId)) store.refresh(event.messageIds).catch(onError);
      }),
    [workspaceId, onError],
  );
}
