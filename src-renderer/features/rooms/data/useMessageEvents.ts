/**
 * Routes `messages.changed` of every workspace to the loaded message lists
 * of that room (its timeline and any open thread), which refetch what
 * changed. Mounted once for the app, not per workspace on screen: the lists
 * of a workspace the person left stay current, so coming back shows a reply
 * that finished meanwhile with its final text, never a stale one. After a
 * reconnection of the bridge (browser mode), events may have been missed:
 * every loaded list loads its latest page again.
 */
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api';
import { useConnection } from '../../../lib/connection';
import { loadedStores, loadedStoresOf } from './MessageListStore';

export function useMessageEvents(onError: (err: unknown) => void): void {
  const { generation } = useConnection();
  const seenGeneration = useRef(generation);
  const report = useRef(onError);
  useEffect(() => {
    report.current = onError;
  });

  useEffect(() => {
    if (generation === seenGeneration.current) return;
    seenGeneration.current = generation;
    for (const store of loadedStores()) store.loadLatest().catch((err: unknown) => report.current(err));
  }, [generation]);

  useEffect(
    () =>
      api.on('messages.changed', (event) => {
        for (const store of loadedStoresOf(event.workspaceId, event.roomId)) store.refresh(event.messageIds).catch((err: unknown) => report.current(err));
      }),
    [],
  );
}
