/**
 * The members of each open workspace with their handles, cached until the
 * `meta` doc's member list changes (RoomEvents invalidates it) or its
 * digital humans do (DhEvents does). A digital human's name and handle come
 * from its profile (`meta.dhs`), the truth for them, rather than from its
 * member entry.
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

/** What the directory needs of a digital human's profile. */
export interface DhMemberProfile {
  id: string;
  name: string;
  /** Its full handle, lowercase: `philippe` or `philippe@qwanyx.com`. */
  handle: string;
}

/** Reads the DH profiles of an open workspace. */
export type DhProfileSource = (workspaceId: string) => readonly DhMemberProfile[];

export class MemberDirectory {
  private readonly cache = new Map<string, MemberIndex>();
  private dhProfiles: DhProfileSource = () => [];

  /** Where DH names and handles come from (wired by the core once the DH service exists). */
  useDhProfiles(source: DhProfileSource): void {
    this.dhProfiles = source;
    this.cache.clear();
  }

  /** The members of `workspaceId`, read from its projection on first use. */
  get(workspaceId: string, queries: RoomQueries): MemberIndex {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    const profiles = new Map(this.dhProfiles(workspaceId).map((p) => [p.id, p]));
    const records = queries.listMembers().map((r) => {
      const profile = r.kind === 'dh' ? profiles.get(r.id) : undefined;
      return profile ? { ...r, displayName: profile.name, email: profile.handle.includes('@') ? profile.handle : '' } : r;
    });
    const explicit = new Map<string, string>();
    for (const r of records) {
      const profile = r.kind === 'dh' ? profiles.get(r.id) : undefined;
      if (profile) explicit.set(r.id, profile.handle.split('@')[0]!);
    }
    const handles = deriveHandles(records, explicit);
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
    // `@philippe@qwanyx.com` names the DH as surely as `@philippe`.
    for (const m of list) if (m.kind === 'dh' && m.email !== undefined && !index.byHandle.has(m.email)) index.byHandle.set(m.email, m);
    this.cache.set(workspaceId, index);
    return index;
  }

  /** Forgets the cached members of `workspaceId`. */
  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}
