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
  /** One entry per person: an earlier id linked to a relay account is not listed apart. */
  list: Member[];
  /** By id, earlier ids included (they give the person's current entry). */
  byId: Map<string, Member>;
  byHandle: Map<string, Member>;
  /** Earlier id → the person's current id (both entries agree, see memberAliasFormat.ts). */
  aliases: ReadonlyMap<string, string>;
}

/** The person's current id for `id` (itself unless it is an earlier id). */
export function personId(index: MemberIndex, id: string): string {
  return index.aliases.get(id) ?? id;
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
  get(workspaceId: string, queries: RoomQueries, readAliases: () => Map<string, string> = () => new Map()): MemberIndex {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    const profiles = new Map(this.dhProfiles(workspaceId).map((p) => [p.id, p]));
    const all = queries.listMembers();
    const present = new Set(all.map((r) => r.id));
    // An alias counts only when the person's current entry is there to stand for it.
    const aliases = new Map([...readAliases()].filter(([, person]) => present.has(person)));
    const records = all.filter((r) => !aliases.has(r.id)).map((r) => {
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
    const byId = new Map(list.map((m) => [m.id, m]));
    for (const [alias, person] of aliases) {
      const member = byId.get(person);
      if (member) byId.set(alias, member);
    }
    const index: MemberIndex = { list, byId, byHandle: new Map(list.map((m) => [m.handle, m])), aliases };
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
