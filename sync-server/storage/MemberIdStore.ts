/**
 * Which relay account speaks for which member id of a workspace (the rules:
 * policy/MemberIds.ts). Two implementations: SQLite in
 * `<dataDir>/member-ids.db` (SqliteMemberIdStore.ts) and PostgreSQL
 * (PgMemberIdStore.ts, next to the accounts, so a binding made on one node
 * holds on every node). Plain storage, no rules.
 */
export interface MemberIdStore {
  /** Every binding of `workspaceId`: member id → account id. */
  load(workspaceId: string): Promise<Map<string, string>>;
  /** The account `memberId` is bound to in `workspaceId`, or null. */
  ownerOf(workspaceId: string, memberId: string): Promise<string | null>;
  /** Binds `memberId` to `userId` unless it is bound already; returns the account it is bound to. */
  bind(workspaceId: string, memberId: string, userId: string, now: number): Promise<string>;
  /** Deletes every binding of `workspaceId` (an owner erased it from the relay); returns how many. */
  deleteWorkspace(workspaceId: string): Promise<number>;
}
