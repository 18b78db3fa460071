/**
 * Reads of the rooms projection: rooms, members, read pointers, counts and
 * the local mute preference (`room_prefs`, never synced).
 */
import type { SqliteDb } from '../openSqlite';
import type { MemberRecord, RoomRecord } from './metaRoomsFormat';
import type { ReadPointer } from './roomDocFormat';

interface RoomRow {
  id: string;
  name: string;
  kind: 'channel' | 'dm';
  private: number;
  topic: string;
  archived: number;
  created_at: number;
  created_by: string;
  members: string;
}

interface MemberRow {
  id: string;
  kind: 'user' | 'dh';
  display_name: string;
  email: string;
  joined_at: number;
}

/** Unread and mention counts of one room for one person. */
export interface RoomCounts {
  unread: number;
  mentions: number;
}

function toRoom(row: RoomRow): RoomRecord {
  const members = JSON.parse(row.members) as [string, number][];
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    private: row.private === 1,
    topic: row.topic,
    archived: row.archived === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    members: members.map(([id]) => id),
    joinedAt: Object.fromEntries(members),
  };
}

function toMember(r: MemberRow): MemberRecord {
  return { id: r.id, kind: r.kind, displayName: r.display_name, email: r.email, joinedAt: r.joined_at };
}

/** Queries over the rooms tables of one workspace database. */
export class RoomQueries {
  private readonly listStmt;
  private readonly getStmt;
  private readonly membersStmt;
  private readonly memberStmt;
  private readonly readStmt;
  private readonly unreadStmt;
  private readonly mentionsStmt;
  private readonly lastAtStmt;
  private readonly latestStmt;
  private readonly pinnedIdsStmt;
  private readonly mutedStmt;
  private readonly setMutedStmt;

  constructor(private readonly db: SqliteDb) {
    this.listStmt = db.prepare('SELECT * FROM rooms ORDER BY created_at, id');
    this.getStmt = db.prepare('SELECT * FROM rooms WHERE id = ?');
    this.membersStmt = db.prepare('SELECT * FROM members ORDER BY joined_at, id');
    this.memberStmt = db.prepare('SELECT * FROM members WHERE id = ?');
    this.readStmt = db.prepare('SELECT message_id AS messageId, created_at AS createdAt FROM read_pointers WHERE room_id = ? AND user_id = ?');
    this.unreadStmt = db.prepare(
      `SELECT COUNT(*) AS n FROM messages WHERE room_id = ? AND thread_root_id IS NULL AND (created_at, id) > (?, ?)
         AND deleted = 0 AND author_id <> ?`,
    );
    this.mentionsStmt = db.prepare(
      'SELECT COUNT(*) AS n FROM message_mentions WHERE member_id = ? AND room_id = ? AND (created_at, message_id) > (?, ?)',
    );
    this.lastAtStmt = db.prepare('SELECT MAX(created_at) AS at FROM messages WHERE room_id = ? AND thread_root_id IS ?');
    this.latestStmt = db.prepare(
      'SELECT id AS messageId, created_at AS createdAt FROM messages WHERE room_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
    );
    this.pinnedIdsStmt = db.prepare('SELECT id FROM messages WHERE room_id = ? AND pinned = 1 ORDER BY created_at, id').pluck();
    this.mutedStmt = db.prepare('SELECT muted FROM room_prefs WHERE room_id = ?').pluck();
    this.setMutedStmt = db.prepare(
      'INSERT INTO room_prefs (room_id, muted) VALUES (?, ?) ON CONFLICT (room_id) DO UPDATE SET muted = excluded.muted',
    );
  }

  /** Every room of the workspace, oldest first. */
  listRooms(): RoomRecord[] {
    return (this.listStmt.all() as RoomRow[]).map(toRoom);
  }

  /** Room `id`, or null. */
  getRoom(id: string): RoomRecord | null {
    const row = this.getStmt.get(id) as RoomRow | undefined;
    return row ? toRoom(row) : null;
  }

  /** Every member of the workspace, in the order they joined. */
  listMembers(): MemberRecord[] {
    return (this.membersStmt.all() as MemberRow[]).map(toMember);
  }

  /** The member `id`, or null. */
  getMember(id: string): MemberRecord | null {
    const row = this.memberStmt.get(id) as MemberRow | undefined;
    return row ? toMember(row) : null;
  }

  /** Where `userId` has read up to in room `roomId`, or null. */
  readPointer(roomId: string, userId: string): ReadPointer | null {
    return (this.readStmt.get(roomId, userId) as ReadPointer | undefined) ?? null;
  }

  /** The furthest read pointer of a person in `roomId` over all their ids (a current one and earlier ones). */
  readPointerOf(roomId: string, ids: readonly string[]): ReadPointer | null {
    let best: ReadPointer | null = null;
    for (const id of ids) {
      const p = this.readPointer(roomId, id);
      if (p && (!best || p.createdAt > best.createdAt || (p.createdAt === best.createdAt && p.messageId > best.messageId))) best = p;
    }
    return best;
  }

  /**
   * Messages by others after the person's read pointer (timeline only), and
   * mentions of them (threads too). `ids` are every id of the person (their
   * own messages under any of them are not unread). Without a pointer, what
   * came after `joinedAt` counts: the history of a room you join is not unread.
   */
  counts(roomId: string, ids: readonly string[], joinedAt: number): RoomCounts {
    const since = this.readPointerOf(roomId, ids) ?? { createdAt: joinedAt, messageId: '' };
    if (ids.length === 1) {
      const [id] = ids;
      return {
        unread: (this.unreadStmt.get(roomId, since.createdAt, since.messageId, id) as { n: number }).n,
        mentions: (this.mentionsStmt.get(id, roomId, since.createdAt, since.messageId) as { n: number }).n,
      };
    }
    const marks = ids.map(() => '?').join(', ');
    const unread = this.db
      .prepare(`SELECT COUNT(*) AS n FROM messages WHERE room_id = ? AND thread_root_id IS NULL AND (created_at, id) > (?, ?) AND deleted = 0 AND author_id NOT IN (${marks})`)
      .get(roomId, since.createdAt, since.messageId, ...ids) as { n: number };
    const mentions = this.db
      .prepare(`SELECT COUNT(DISTINCT message_id) AS n FROM message_mentions WHERE member_id IN (${marks}) AND room_id = ? AND (created_at, message_id) > (?, ?)`)
      .get(...ids, roomId, since.createdAt, since.messageId) as { n: number };
    return { unread: unread.n, mentions: mentions.n };
  }

  /** When the last timeline message of `roomId` (or reply of the thread `threadRootId`) was posted, or null; one index seek. */
  lastMessageAt(roomId: string, threadRootId: string | null = null): number | null {
    return (this.lastAtStmt.get(roomId, threadRootId) as { at: number | null }).at;
  }

  /** The newest message of `roomId`, thread replies included, or null. */
  latestMessage(roomId: string): ReadPointer | null {
    return (this.latestStmt.get(roomId) as ReadPointer | undefined) ?? null;
  }

  /** Ids of the pinned messages of `roomId`, oldest first. */
  pinnedIds(roomId: string): string[] {
    return this.pinnedIdsStmt.all(roomId) as string[];
  }

  /** Whether this device muted `roomId`. */
  isMuted(roomId: string): boolean {
    return this.mutedStmt.get(roomId) === 1;
  }

  /** Records this device's mute preference for `roomId` (local, never synced). */
  setMuted(roomId: string, muted: boolean): void {
    this.setMutedStmt.run(roomId, muted ? 1 : 0);
  }

  /** Runs `fn` in one read transaction (consistent counts across rooms). */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }
}
