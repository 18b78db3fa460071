/**
 * The `authorLook` of a workspace's message lists: an author's current
 * display name (so a rename shows on past messages, live) and, for a
 * digital human, the colour chosen for it, the same as in the sidebar.
 */
import { useCallback, useMemo } from 'react';
import type { Member } from '../../../../src-main/common/contract';
import { useDigitalHumans } from '../../dh/useDigitalHumans';
import type { AuthorLook } from './MessageContext';

export function useAuthorLook(workspaceId: string, membersById: ReadonlyMap<string, Member>): (authorId: string, storedName: string) => AuthorLook {
  const dhs = useDigitalHumans(workspaceId);
  const dhById = useMemo(() => new Map((dhs.all ?? []).map((dh) => [dh.id, dh])), [dhs.all]);
  return useCallback(
    (authorId: string, storedName: string): AuthorLook => {
      const dh = dhById.get(authorId);
      return { name: dh?.name ?? membersById.get(authorId)?.displayName ?? storedName, color: dh?.color ?? null };
    },
    [dhById, membersById],
  );
}
