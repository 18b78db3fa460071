/**
 * PostgreSQL implementation of `MemberIdStore` (MemberIdStore.ts): the
 * bindings live in `relay_member_ids` (pgAccountSchema.ts), next to the
 * accounts, so the first account to use a member id wins on every node at
 * once: the primary key makes a second binding, from any node, a no-op.
 */
import type pg from 'pg';
import type { MemberIdStore } from './MemberIdStore';

export class PgMemberIdStore implements MemberIdStore {
  constructor(private readonly pool: pg.Pool) {}

  async load(workspaceId: string): Promise<Map<string, string>> {
    const result = await this.pool.query<{ member_id: string; user_id: string }>('SELECT member_id, user_id FROM relay_member_ids WHERE workspace_id = $1', [workspaceId]);
    return new Map(result.rows.map((r) => [r.member_id, r.user_id]));
  }

  async ownerOf(workspaceId: string, memberId: string): Promise<string | null> {
    const bound = await this.pool.query<{ user_id: string }>('SELECT user_id FROM relay_member_ids WHERE workspace_id = $1 AND member_id = $2', [workspaceId, memberId]);
    return bound.rows[0]?.user_id ?? null;
  }

  async bind(workspaceId: string, memberId: string, userId: string, now: number): Promise<string> {
    const inserted = await this.pool.query<{ user_id: string }>(
      'INSERT INTO relay_member_ids (workspace_id, member_id, user_id, bound_at) VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, member_id) DO NOTHING RETURNING user_id',
      [workspaceId, memberId, userId, now],
    );
    if (inserted.rows[0]) return inserted.rows[0].user_id;
    // Bound already (by this node or another): the row that won.
    const owner = await this.ownerOf(workspaceId, memberId);
    if (owner === null) throw new Error(`the binding of ${memberId} in ${workspaceId} vanished`);
    return owner;
  }

  async deleteWorkspace(workspaceId: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM relay_member_ids WHERE workspace_id = $1', [workspaceId]);
    return result.rowCount ?? 0;
  }
}
