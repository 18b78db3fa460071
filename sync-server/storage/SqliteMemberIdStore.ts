/**
 * SQLite implementation of `MemberIdStore` (MemberIdStore.ts), in
 * `<dataDir>/member-ids.db` (its own file and migrations, so it evolves
 * apart from the accounts schema). A member id is the id a device writes as
 * an author or a member (its profile's user id); the relay binds it to the
 * first account that uses it (policy/MemberIds.ts). Plain SQL, no rules.
 */
import type { MemberIdStore } from './MemberIdStore';
import { openRelaySqlite, type RelaySqliteDb } from './openRelaySqlite';
import type { RelayMigration } from './runRelayMigrations';
import { runRelayMigrations } from './runRelayMigrations';

const MEMBER_ID_MIGRATIONS: readonly RelayMigration[] = [
  {
    id: 1,
    name: 'member_ids',
    sql: `
      CREATE TABLE member_ids (
        workspace_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        bound_at INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, member_id)
      );
    `,
  },
];

export class SqliteMemberIdStore implements MemberIdStore {
  private readonly db: RelaySqliteDb;
  private readonly stmts;

  constructor(path: string) {
    this.db = openRelaySqlite(path);
    try {
      runRelayMigrations(this.db, MEMBER_ID_MIGRATIONS, 'member ids');
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.stmts = {
      all: this.db.prepare('SELECT member_id AS memberId, user_id AS userId FROM member_ids WHERE workspace_id = ?'),
      bind: this.db.prepare('INSERT OR IGNORE INTO member_ids (workspace_id, member_id, user_id, bound_at) VALUES (?, ?, ?, ?)'),
      owner: this.db.prepare('SELECT user_id FROM member_ids WHERE workspace_id = ? AND member_id = ?').pluck(),
      deleteWorkspace: this.db.prepare('DELETE FROM member_ids WHERE workspace_id = ?'),
    };
  }

  load(workspaceId: string): Promise<Map<string, string>> {
    const rows = this.stmts.all.all(workspaceId) as { memberId: string; userId: string }[];
    return Promise.resolve(new Map(rows.map((r) => [r.memberId, r.userId])));
  }

  ownerOf(workspaceId: string, memberId: string): Promise<string | null> {
    return Promise.resolve((this.stmts.owner.get(workspaceId, memberId) as string | undefined) ?? null);
  }

  bind(workspaceId: string, memberId: string, userId: string, now: number): Promise<string> {
    this.stmts.bind.run(workspaceId, memberId, userId, now);
    return Promise.resolve(this.stmts.owner.get(workspaceId, memberId) as string);
  }

  deleteWorkspace(workspaceId: string): Promise<number> {
    return Promise.resolve(this.stmts.deleteWorkspace.run(workspaceId).changes);
  }

  close(): void {
    this.db.close();
  }
}
