/**
 * The members of each open workspace with their handles, cached until the
 * `meta` doc's member list changes (RoomEvents invalidates it).
 */
import type { Member } from '../../common/contract';
import type { RoomQueries } from '../../storage/rooms/RoomQueries';
import { deriveHandles } from './deriveHandles';

/** Members of one workspace, indexed. */
export interface MemberIndex {
  list: Member[];
  byId: Map<string, Member>;
  byHandle: Map<string, Member>;
}

export class MemberDirectory {
  private readonly cache = new Map<string, MemberIndex>();

  /** The members of `workspaceId`, read from its projection on first use. */
  get(workspaceId: string, queries: RoomQueries): MemberIndex {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    const records = queries.listMembers();
    const handles = deriveHandles(records);
    const list: Member[] = records.map((r) => ({
      id: r.id,
      kind: r.kind,
      displayName: r.displayName,
      handle: handles.get(r.id)!,
      ...(r.email.length > 0 ? { email: r.email } : {}),
    }));
    const index: MemberIndex = {
      list,
      byId: new Map(list.map((m) => [m.id, m])),
      byHandle: new Map(list.map((m) => [m.handle, m])),
    };
    this.cache.set(workspaceId, index);
    return index;
  }

  /** Forgets the cached members of `workspaceId`. */
  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}
