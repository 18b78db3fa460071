/**
 * Which member ids the connected account speaks for. A device writes its
 * profile's user id as the author of its messages and as its entry of
 * `meta.members`; that id is not the relay account's id, so the relay binds
 * it, trust on first use, to the first account that writes it (any doc of
 * the workspace: a member entry or a message author), and from then on
 * refuses it from every other account. Why this is safe: an id another
 * person already uses reached the relay from their device first (every
 * write goes through the relay), so it is bound to them; an id nobody used
 * yet names nobody. An account id is its own member id and cannot be bound
 * to anyone else; neither can a digital human's id (they post with
 * `postedBy`, see checkRoomUpdate.ts). Bindings are kept per workspace in
 * memory once read (one query per workspace) and written through at once.
 */
import type { MemberIdStore } from '../storage/MemberIdStore';

/** The ids that are accounts (an account id is never bound to another account). */
export interface AccountIds {
  isAccount(id: string): boolean;
}

export class MemberIds {
  private readonly byWorkspace = new Map<string, Map<string, string>>();

  constructor(
    private readonly store: MemberIdStore,
    private readonly accounts: AccountIds,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `memberId` is (or is now made) one of `userId`'s ids in `workspaceId`; `bindable` false only checks. */
  owns(workspaceId: string, userId: string, memberId: string, bindable = true): boolean {
    if (memberId === userId) return true;
    const bound = this.bindings(workspaceId).get(memberId);
    if (bound !== undefined) return bound === userId;
    if (!bindable || this.accounts.isAccount(memberId)) return false;
    const owner = this.store.bind(workspaceId, memberId, userId, this.now());
    this.bindings(workspaceId).set(memberId, owner);
    return owner === userId;
  }

  /** Whether `memberId` is bound to an account other than `userId` (or is another account). */
  takenByOther(workspaceId: string, userId: string, memberId: string): boolean {
    if (memberId === userId) return false;
    const bound = this.bindings(workspaceId).get(memberId);
    return bound !== undefined ? bound !== userId : this.accounts.isAccount(memberId);
  }

  /** The member ids of `userId` in `workspaceId` (the account id first). */
  idsOf(workspaceId: string, userId: string): string[] {
    const ids = [userId];
    for (const [memberId, owner] of this.bindings(workspaceId)) if (owner === userId) ids.push(memberId);
    return ids;
  }

  /** Forgets the cache of a workspace (its docs all left memory). */
  forget(workspaceId: string): void {
    this.byWorkspace.delete(workspaceId);
  }

  private bindings(workspaceId: string): Map<string, string> {
    let map = this.byWorkspace.get(workspaceId);
    if (!map) {
      map = this.store.load(workspaceId);
      this.byWorkspace.set(workspaceId, map);
    }
    return map;
  }
}
