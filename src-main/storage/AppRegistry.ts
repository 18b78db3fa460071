/**
 * `app.db`: the registry of workspaces on this device, the local profile and
 * the app's settings. Local only, never synced.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Profile, Workspace, WorkspaceKind } from '../common/contract';
import { NotFoundError } from '../common/AppError';
import { appMigrations } from './appMigrations';
import { openSqlite, type SqliteDb } from './openSqlite';
import { preparedStatement } from './preparedStatement';
import { RelayRegistry } from './RelayRegistry';
import { runMigrations } from './runMigrations';

const PROFILE_ALIASES_KEY = 'profile.aliasIds';
const PROFILE_LINKED_KEY = 'profile.linkedAccountId';

interface WorkspaceRow {
  id: string;
  name: string;
  kind: WorkspaceKind;
  color: string;
  icon: string | null;
  archived: number;
  created_at: number;
  last_opened_at: number | null;
}

/** Fields of a workspace that can change after creation. */
export interface WorkspacePatch {
  name?: string;
  color?: string;
  icon?: string | null;
  archived?: boolean;
  lastOpenedAt?: number;
  kind?: WorkspaceKind;
}

const WORKSPACE_COLUMNS = 'id, name, kind, color, icon, archived, created_at, last_opened_at';

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    color: row.color,
    icon: row.icon,
    archived: row.archived === 1,
    createdAt: row.created_at,
    lastOpenedAt: row.last_opened_at,
  };
}

export class AppRegistry {
  /** Relay accounts and workspace links, in the same file. */
  readonly relays: RelayRegistry;

  private constructor(private readonly db: SqliteDb) {
    this.relays = new RelayRegistry(db);
  }

  /** Opens `<dataDir>/app.db`, creating the data dir and running migrations. */
  static open(dataDir: string, options: { nativeBinding?: string } = {}): AppRegistry {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = openSqlite(path.join(dataDir, 'app.db'), options);
    try {
      runMigrations(db, appMigrations, 'app');
    } catch (err) {
      db.close();
      throw err;
    }
    return new AppRegistry(db);
  }

  /** Workspaces in rail order. */
  listWorkspaces(includeArchived: boolean): Workspace[] {
    const rows = this.db
      .prepare(
        `SELECT ${WORKSPACE_COLUMNS} FROM workspaces ${includeArchived ? '' : 'WHERE archived = 0'} ORDER BY position, created_at`,
      )
      .all() as WorkspaceRow[];
    return rows.map(toWorkspace);
  }

  countWorkspaces(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM workspaces').get() as { n: number }).n;
  }

  /** The workspace `id`; throws NotFoundError when it is not registered. */
  getWorkspace(id: string): Workspace {
    const row = preparedStatement(this.db, `SELECT ${WORKSPACE_COLUMNS} FROM workspaces WHERE id = ?`).get(id) as
      | WorkspaceRow
      | undefined;
    if (!row) throw new NotFoundError(`No workspace with id ${id}`);
    return toWorkspace(row);
  }

  hasWorkspace(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM workspaces WHERE id = ?').get(id) !== undefined;
  }

  insertWorkspace(ws: Workspace): void {
    this.db
      .prepare(
        `INSERT INTO workspaces (id, name, kind, color, icon, archived, created_at, last_opened_at, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM workspaces))`,
      )
      .run(ws.id, ws.name, ws.kind, ws.color, ws.icon, ws.archived ? 1 : 0, ws.createdAt, ws.lastOpenedAt);
  }

  /** Applies `patch` and returns the updated workspace. */
  updateWorkspace(id: string, patch: WorkspacePatch): Workspace {
    const columns: [string, unknown][] = [];
    if (patch.name !== undefined) columns.push(['name', patch.name]);
    if (patch.kind !== undefined) columns.push(['kind', patch.kind]);
    if (patch.color !== undefined) columns.push(['color', patch.color]);
    if (patch.icon !== undefined) columns.push(['icon', patch.icon]);
    if (patch.archived !== undefined) columns.push(['archived', patch.archived ? 1 : 0]);
    if (patch.lastOpenedAt !== undefined) columns.push(['last_opened_at', patch.lastOpenedAt]);
    const sets = columns.map(([column]) => `${column} = ?`);
    const values = columns.map(([, value]) => value);
    if (sets.length > 0) {
      const info = this.db.prepare(`UPDATE workspaces SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
      if (info.changes === 0) throw new NotFoundError(`No workspace with id ${id}`);
    }
    return this.getWorkspace(id);
  }

  deleteWorkspace(id: string): void {
    this.db.prepare('DELETE FROM workspaces WHERE id = ?').run(id);
  }

  /** The profile row, or null before `ensureProfile` ever ran. */
  getProfile(): Profile | null {
    const row = this.db.prepare('SELECT display_name, email, user_id FROM profile WHERE id = 1').get() as
      | { display_name: string; email: string; user_id: string | null }
      | undefined;
    return row && row.user_id !== null ? { userId: row.user_id, displayName: row.display_name, email: row.email } : null;
  }

  /**
   * Makes sure the profile row exists and has a user id: on first launch it
   * is created from `defaults`; a profile saved by an older build (no user
   * id) gets `defaults.userId`. The id never changes afterwards.
   */
  ensureProfile(defaults: Profile): Profile {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO profile (id, display_name, email, user_id) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
        .run(defaults.displayName, defaults.email, defaults.userId);
      this.db.prepare('UPDATE profile SET user_id = ? WHERE id = 1 AND user_id IS NULL').run(defaults.userId);
    }).immediate();
    const profile = this.getProfile();
    if (!profile) throw new Error('The profile could not be stored');
    return profile;
  }

  /** Saves the display name and email (the user id is not editable). */
  setProfile(profile: Pick<Profile, 'displayName' | 'email'>): void {
    this.db.prepare('UPDATE profile SET display_name = ?, email = ? WHERE id = 1').run(profile.displayName, profile.email);
  }

  /**
   * Earlier user ids of this person on this device (settings key `profile.aliasIds`): the local id the profile
   * had before it was linked to a relay account. Data they wrote (authors, read pointers, reactions, memberships)
   * stays theirs.
   */
  profileAliases(): string[] {
    const value = this.getSetting(PROFILE_ALIASES_KEY);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  }

  /**
   * Makes `userId` (a relay account id) the profile's user id, keeping the previous id as an alias; a profile
   * without an email takes `email`. Returns false (nothing changed) when the profile already has that id or was
   * linked to an account before: the first account linked is the person's id on this device.
   */
  linkProfile(userId: string, email: string): boolean {
    return this.transaction(() => {
      const profile = this.getProfile();
      if (!profile || profile.userId === userId || this.getSetting(PROFILE_LINKED_KEY) !== undefined) return false;
      this.setSetting(PROFILE_ALIASES_KEY, [...this.profileAliases(), profile.userId].slice(-16));
      this.setSetting(PROFILE_LINKED_KEY, userId);
      this.db.prepare('UPDATE profile SET user_id = ?, email = CASE WHEN email = \'\' THEN ? ELSE email END WHERE id = 1').run(userId, email);
      return true;
    });
  }

  /** A setting's stored JSON value, or undefined. */
  getSetting(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  }

  setSetting(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
