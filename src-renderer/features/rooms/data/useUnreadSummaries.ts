/**
 * The unread badge of every workspace on the rail: `read.summary` for each
 * when the bridge opens or the list changes, then `unread.changed` events.
 */
import { useEffect, useState } from 'react';
import type { UnreadSummary } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { useConnection } from '../../../lib/connection';

export function useUnreadSummaries(workspaceIds: readonly string[]): ReadonlyMap<string, UnreadSummary> {
  const { generation } = useConnection();
  const [byId, setById] = useState<ReadonlyMap<string, UnreadSummary>>(new Map());
  const idsKey = workspaceIds.join(',');

  useEffect(() => {
    if (generation === 0) return undefined;
    let cancelled = false;
    const seen = new Set<string>();
    const put = (summary: UnreadSummary): void => setById((prev) => new Map(prev).set(summary.workspaceId, summary));
    const unsubscribe = api.on('unread.changed', (summary) => {
      seen.add(summary.workspaceId);
      put(summary);
    });
    for (const workspaceId of idsKey.split(',').filter(Boolean)) {
      api.invoke('read.summary', { workspaceId }).then(
        (summary) => {
          // An event that arrived meanwhile is newer than this answer.
          if (!cancelled && !seen.has(workspaceId)) put(summary);
        },
        (err: unknown) => console.error('Loading the unread counts failed', err),
      );
    }
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [idsKey, generation]);

  return byId;
}
