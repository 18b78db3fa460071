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
 * `postedBy`, see checkRoomUpdate.ts).
 *
 * The checks run on every update and answer from memory: a workspace's
 * bindings are read once (`load`, before its docs answer), and each id the
 * checks meet that memory does not know yet is looked up once (an account?
 * bound on another node?) and, when a check binds it, bound in the store.
 * Those lookups are asynchronous (the store may be PostgreSQL), so a check
 * that needs one throws `MemberIdPending`: the doc holds that connection's
 * frames until it settles, then checks the update again (ws/RelayDoc.ts).
 * A binding made here is told to the other nodes (`listener`), which learn
 * it at once; an id found free is looked up again after a minute, so a
 * node that missed such a message is right again soon after.
 */
import type { MemberIdStore } from '../storage/MemberIdStore';

/** The ids that are accounts (an account id is never bound to another account). */
export interface AccountIds {
  isAccount(id: string): Promise<boolean>;
}

/** Told of each binding this node makes (the other nodes learn it: cluster/AccountEvents.ts). */
export interface BindingListener {
  memberBound(workspaceId: string, memberId: string, userId: string): void;
}

/** Thrown by a check that needs a lookup first: check the update again once `settled` resolves. */
export class MemberIdPending extends Error {
  constructor(readonly settled: Promise<void>) {
    super('a member id lookup is under way');
  }
}

/** An id found neither bound nor an account is looked up again after this long. */
const FREE_FOR_MS = 60_000;

interface WorkspaceIds {
  /** Member id → the account it speaks for (an account id → itself). */
  bound: Map<string, string>;
  /** Ids found free, with when. */
  free: Map<string, number>;
}

export class MemberIds {
  private readonly byWorkspace = new Map<string, WorkspaceIds>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly lookups = new Map<string, Promise<void>>();
  private listener: BindingListener | null = null;

  constructor(
    private readonly store: MemberIdStore,
    private readonly accounts: AccountIds,
    private readonly now: () => number = Date.now,
  ) {}

  /** Where bindings made here are told (set once the bus between nodes is up). */
  tell(listener: BindingListener): void {
    this.listener = listener;
  }

  /** Reads the bindings of `workspaceId` unless held already (the checks need them before its docs answer). */
  load(workspaceId: string): Promise<void> {
    if (this.byWorkspace.has(workspaceId)) return Promise.resolve();
    let loading = this.loading.get(workspaceId);
    if (!loading) {
      loading = this.store.load(workspaceId).then(
        (bound) => {
          this.loading.delete(workspaceId);
          if (!this.byWorkspace.has(workspaceId)) this.byWorkspace.set(workspaceId, { bound, free: new Map() });
        },
        (err: unknown) => {
          this.loading.delete(workspaceId);
          throw err;
        },
      );
      this.loading.set(workspaceId, loading);
    }
    return loading;
  }

  /** A binding another node made: known here from now on. */
  learn(workspaceId: string, memberId: string, userId: string): void {
    const ids = this.byWorkspace.get(workspaceId);
    if (!ids) return;
    ids.bound.set(memberId, userId);
    ids.free.delete(memberId);
  }

  /**
   * Deletes every binding of `workspaceId` (an owner erased it from the relay: its accounts and
   * sockets are gone, so nothing binds anew) and forgets them here; returns how many the store held.
   */
  async dropWorkspace(workspaceId: string): Promise<number> {
    this.forget(workspaceId);
    const dropped = await this.store.deleteWorkspace(workspaceId);
    this.forget(workspaceId);
    return dropped;
  }

  /** Forgets what this node holds of `workspaceId`'s bindings (erased on this node or another). */
  forget(workspaceId: string): void {
    this.byWorkspace.delete(workspaceId);
  }

  /**
   * Whether `memberId` is (or is now made) one of `userId`'s ids in `workspaceId`; `bindable` false
   * only checks. Throws `MemberIdPending` when the id must be looked up or bound first.
   */
  owns(workspaceId: string, userId: string, memberId: string, bindable = true): boolean {
    if (memberId === userId) return true;
    const ids = this.idsIn(workspaceId);
    const bound = ids.bound.get(memberId);
    if (bound !== undefined) return bound === userId;
    if (!bindable) return false;
    throw new MemberIdPending(this.lookUp(workspaceId, memberId, userId));
  }

  /** Whether `memberId` is bound to an account other than `userId` (or is another account); may throw `MemberIdPending`. */
  takenByOther(workspaceId: string, userId: string, memberId: string): boolean {
    if (memberId === userId) return false;
    const ids = this.idsIn(workspaceId);
    const bound = ids.bound.get(memberId);
    if (bound !== undefined) return bound !== userId;
    const freeSince = ids.free.get(memberId);
    if (freeSince !== undefined && this.now() - freeSince < FREE_FOR_MS) return false;
    throw new MemberIdPending(this.lookUp(workspaceId, memberId, null));
  }

  /** The member ids of `userId` in `workspaceId` (the account id first); only the account id while its bindings are not read. */
  idsOf(workspaceId: string, userId: string): string[] {
    const ids = [userId];
    const bound = this.byWorkspace.get(workspaceId)?.bound;
    if (!bound) return ids;
    for (const [memberId, owner] of bound) if (owner === userId && memberId !== userId) ids.push(memberId);
    return ids;
  }

  private idsIn(workspaceId: string): WorkspaceIds {
    const ids = this.byWorkspace.get(workspaceId);
    if (ids) return ids;
    throw new MemberIdPending(this.load(workspaceId));
  }

  /** Finds who `memberId` is (an account, bound, free) and, when `binder` is set and it is free, binds it to them. */
  private lookUp(workspaceId: string, memberId: string, binder: string | null): Promise<void> {
    const key = `${workspaceId}\u0000${memberId}\u0000${binder ?? ''}`;
    let lookup = this.lookups.get(key);
    if (!lookup) {
      lookup = this.resolve(workspaceId, memberId, binder).finally(() => this.lookups.delete(key));
      this.lookups.set(key, lookup);
    }
    return lookup;
  }

  private async resolve(workspaceId: string, memberId: string, binder: string | null): Promise<void> {
    await this.load(workspaceId);
    const ids = this.idsIn(workspaceId);
    const [account, owner] = await Promise.all([this.accounts.isAccount(memberId), this.store.ownerOf(workspaceId, memberId)]);
    if (account) ids.bound.set(memberId, memberId);
    else if (owner !== null) ids.bound.set(memberId, owner);
    else if (binder === null) ids.free.set(memberId, this.now());
    else {
      const winner = await this.store.bind(workspaceId, memberId, binder, this.now());
      ids.bound.set(memberId, winner);
      if (winner === binder) this.listener?.memberBound(workspaceId, memberId, winner);
    }
    if (ids.bound.has(memberId)) ids.free.delete(memberId);
  }
}
