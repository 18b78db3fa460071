/**
 * Messages of a room: pages of the timeline or a thread, jumping to a message
 * in context, posting, editing, deleting (a tombstone), reactions and pins.
 * Writes go to the room doc `room/<id>` (format in storage/rooms/roomDocFormat.ts)
 * with origin `local`; reads come from the messages projection.
 */
import type * as Y from 'yjs';
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/AppError';
import type { Message, MessagePage } from '../../common/contract';
import type { MessageRow, RowPage } from '../../storage/rooms/MessageQueries';
import { writeRoomMember, type RoomRecord } from '../../storage/rooms/metaRoomsFormat';
import { reactionKey, readMessageRecord, roomDocName, writeMessageRecord, writeReadPointer, type MessageRecord } from '../../storage/rooms/roomDocFormat';
import type { FileRef } from '../../storage/files/fileRefFormat';
import { txOrigin } from '../../sync/TxOrigin';
import { describeMessages } from './describeMessages';
import { resolveMentions } from './resolveMentions';
import type { RoomsContext, RoomsWorkspace } from './RoomsContext';

/** A room's newest message stamped this far ahead of now still counts as "this moment" for a new post. */
const SAME_MOMENT_MS = 1000;

export interface ListMessagesInput {
  threadRootId?: string | undefined;
  before?: string | undefined;
  after?: string | undefined;
  limit: number;
}

export class MessageService {
  constructor(private readonly ctx: RoomsContext) {}

  list(workspaceId: string, roomId: string, input: ListMessagesInput): MessagePage {
    const { ws } = this.readable(workspaceId, roomId);
    const thread = input.threadRootId ?? null;
    const page = ws.messages.read(() => {
      const cursorId = input.before ?? input.after;
      if (cursorId === undefined) return ws.messages.latest(roomId, thread, input.limit);
      const cursor = this.row(ws, roomId, cursorId);
      return ws.messages.page(roomId, thread, cursor, input.before !== undefined ? 'before' : 'after', input.limit);
    });
    return this.describePage(ws, roomId, page);
  }

  /** The page around `messageId`, in its thread when it is a reply. */
  around(workspaceId: string, roomId: string, messageId: string, limit: number): MessagePage {
    const { ws } = this.readable(workspaceId, roomId);
    const page = ws.messages.read(() => ws.messages.around(this.row(ws, roomId, messageId), limit));
    return this.describePage(ws, roomId, page);
  }

  pinned(workspaceId: string, roomId: string): Message[] {
    const { ws } = this.readable(workspaceId, roomId);
    return describeMessages(this.ctx, ws, roomId, ws.messages.pinned(roomId));
  }

  /** One message (for a caller that just changed it). */
  get(workspaceId: string, roomId: string, messageId: string): Message {
    const { ws } = this.readable(workspaceId, roomId);
    return describeMessages(this.ctx, ws, roomId, [this.row(ws, roomId, messageId)])[0]!;
  }

  /** Posts as the local user; joins a public channel on the way; `@handle` mentions. */
  post(workspaceId: string, roomId: string, text: string, threadRootId?: string, files?: FileRef[]): Message {
    const { ws, room } = this.readable(workspaceId, roomId);
    if (room.archived) throw new ValidationError('This room is archived: unarchive it to post');
    const me = this.ctx.userId;
    if (!room.members.includes(me)) {
      ws.handle.docs.transact('meta', txOrigin('local', me), (doc) => writeRoomMember(doc.getMap('rooms'), roomId, me, this.ctx.deps.now()));
    }
    let root: string | null = null;
    if (threadRootId !== undefined) {
      const parent = this.row(ws, roomId, threadRootId);
      root = parent.thread_root_id ?? parent.id;
    }
    const record: MessageRecord = {
      id: this.ctx.deps.newId(),
      authorId: me,
      text,
      createdAt: this.postedAt(ws, roomId, root),
      editedAt: null,
      deleted: false,
      threadRootId: root,
      mentions: resolveMentions(text, this.ctx.members(ws)),
      // Attached files go in the same write as the message: a peer never sees it without them.
      ...(files && files.length > 0 ? { files } : {}),
    };
    this.writeRoom(ws, roomId, (doc) => {
      doc.getMap('messages').set(record.id, writeMessageRecord(record));
      // What you post, you have read, and everything before it.
      doc.getMap('reads').set(me, writeReadPointer({ messageId: record.id, createdAt: record.createdAt }));
    });
    return this.get(workspaceId, roomId, record.id);
  }

  /**
   * The time of a new message: now, or just after the newest message of the list it joins (the
   * room's timeline, or its thread) when that one is stamped this millisecond or up to a second
   * ahead. A list sorts by time, then id (random): two posts in one millisecond would otherwise
   * show in either order. A peer whose clock is further ahead does not pull this device's times along.
   */
  private postedAt(ws: RoomsWorkspace, roomId: string, threadRootId: string | null): number {
    const now = this.ctx.deps.now();
    const newest = ws.rooms.lastMessageAt(roomId, threadRootId);
    return newest !== null && newest >= now && newest - now < SAME_MOMENT_MS ? newest + 1 : now;
  }

  edit(workspaceId: string, roomId: string, messageId: string, text: string): Message {
    const { ws } = this.readable(workspaceId, roomId);
    this.writeOwn(ws, roomId, messageId, (record) => {
      if (record.deleted) throw new ValidationError('A deleted message cannot be edited');
      return { ...record, text, editedAt: this.ctx.deps.now(), mentions: resolveMentions(text, this.ctx.members(ws)) };
    });
    return this.get(workspaceId, roomId, messageId);
  }

  /** Leaves a tombstone: the message keeps its place and thread, its text is gone. */
  delete(workspaceId: string, roomId: string, messageId: string): Message {
    const { ws } = this.readable(workspaceId, roomId);
    this.writeOwn(ws, roomId, messageId, (record) => (record.deleted ? null : { ...record, deleted: true, text: '', mentions: [] }));
    return this.get(workspaceId, roomId, messageId);
  }

  react(workspaceId: string, roomId: string, messageId: string, emoji: string, on: boolean): Message {
    const { ws } = this.readable(workspaceId, roomId);
    const row = this.row(ws, roomId, messageId);
    if (row.deleted === 1 && on) throw new ValidationError('A deleted message cannot get reactions');
    // A reaction made under an earlier id of the local person is theirs too: it counts as set, and goes when unset.
    const keys = this.ctx.ids(ws).map((id) => reactionKey(messageId, id, emoji));
    this.writeRoom(ws, roomId, (doc) => {
      const reactions = doc.getMap('reactions');
      if (on && !keys.some((key) => reactions.has(key))) reactions.set(keys[0]!, this.ctx.deps.now());
      if (!on) for (const key of keys) if (reactions.has(key)) reactions.delete(key);
    });
    return this.get(workspaceId, roomId, messageId);
  }

  pin(workspaceId: string, roomId: string, messageId: string, on: boolean): Message {
    const { ws } = this.readable(workspaceId, roomId);
    const row = this.row(ws, roomId, messageId);
    if (row.deleted === 1 && on) throw new ValidationError('A deleted message cannot be pinned');
    this.writeRoom(ws, roomId, (doc) => {
      const pins = doc.getMap('pins');
      if (on && !pins.has(messageId)) pins.set(messageId, { by: this.ctx.userId, at: this.ctx.deps.now() });
      if (!on && pins.has(messageId)) pins.delete(messageId);
    });
    return this.get(workspaceId, roomId, messageId);
  }

  /** The workspace and room, when the local user may read it; its projection brought up to date. */
  private readable(workspaceId: string, roomId: string): { ws: RoomsWorkspace; room: RoomRecord } {
    const ws = this.ctx.workspace(workspaceId);
    const room = this.ctx.room(ws, roomId);
    this.ctx.freshRoom(ws, roomId);
    return { ws, room };
  }

  private row(ws: RoomsWorkspace, roomId: string, messageId: string): MessageRow {
    const row = ws.messages.get(roomId, messageId);
    if (!row) throw new NotFoundError('No such message in this room');
    return row;
  }

  /** Replaces the local user's own message with what `change` returns (null: nothing to do). */
  private writeOwn(ws: RoomsWorkspace, roomId: string, messageId: string, change: (record: MessageRecord) => MessageRecord | null): void {
    // Checked before the transaction: a throw inside one would make DocManager reload the doc.
    const record = readMessageRecord(messageId, ws.handle.docs.doc(roomDocName(roomId)).getMap('messages').get(messageId));
    if (!record) throw new NotFoundError('No such message in this room');
    if (!this.ctx.isMe(ws, record.authorId)) throw new ForbiddenError('Only its author can change a message');
    const next = change(record);
    if (next) this.writeRoom(ws, roomId, (doc) => doc.getMap('messages').set(messageId, writeMessageRecord(next)));
  }

  private writeRoom(ws: RoomsWorkspace, roomId: string, fn: (doc: Y.Doc) => void): void {
    ws.handle.docs.transact(roomDocName(roomId), txOrigin('local', this.ctx.userId), fn);
  }

  private describePage(ws: RoomsWorkspace, roomId: string, page: RowPage): MessagePage {
    return { messages: describeMessages(this.ctx, ws, roomId, page.rows), hasMoreBefore: page.hasMoreBefore, hasMoreAfter: page.hasMoreAfter };
  }
}
