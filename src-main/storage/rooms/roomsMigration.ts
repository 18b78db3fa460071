/**
 * Workspace migration 4 (rooms): the projections of team rooms (rooms,
 * members, messages and their FTS5 index, reactions, mentions, read
 * pointers) and the local `room_prefs` (mute); see docs/rooms.md.
 */
import type { Migration } from '../runMigrations';

export const roomsMigration: Migration = {
  id: 4,
  name: 'rooms',
  sql: `
    CREATE TABLE rooms (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      private INTEGER NOT NULL,
      topic TEXT NOT NULL,
      archived INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      members TEXT NOT NULL
    );
    CREATE TABLE members (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      display_name TEXT NOT NULL,
      email TEXT NOT NULL,
      joined_at INTEGER NOT NULL
    );
    CREATE TABLE messages (
      seq INTEGER PRIMARY KEY,
      room_id TEXT NOT NULL,
      id TEXT NOT NULL,
      author_id TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      edited_at INTEGER,
      deleted INTEGER NOT NULL,
      thread_root_id TEXT,
      mentions TEXT NOT NULL,
      pinned INTEGER NOT NULL,
      local_seq INTEGER,
      UNIQUE (room_id, id)
    );
    CREATE INDEX messages_page ON messages (room_id, thread_root_id, created_at, id, author_id, deleted);
    CREATE INDEX messages_author ON messages (author_id, created_at);
    CREATE INDEX messages_local ON messages (room_id, local_seq) WHERE local_seq IS NOT NULL;
    CREATE INDEX messages_pinned ON messages (room_id, created_at) WHERE pinned = 1;
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      text, content = 'messages', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages WHEN old.text IS NOT new.text BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;
    CREATE TABLE message_reactions (
      room_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      emoji TEXT NOT NULL,
      PRIMARY KEY (room_id, message_id, user_id, emoji)
    ) WITHOUT ROWID;
    CREATE TABLE message_mentions (
      member_id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      message_id TEXT NOT NULL,
      PRIMARY KEY (member_id, room_id, created_at, message_id)
    ) WITHOUT ROWID;
    CREATE INDEX message_mentions_message ON message_mentions (room_id, message_id);
    CREATE TABLE read_pointers (
      room_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (room_id, user_id)
    ) WITHOUT ROWID;
    CREATE TABLE room_prefs (
      room_id TEXT PRIMARY KEY,
      muted INTEGER NOT NULL
    );
  `,
};
