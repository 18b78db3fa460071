/**
 * The one place where rooms react to doc changes (local, remote, agent or
 * system alike): it tells the shells what changed (`rooms.changed`,
 * `messages.changed`, `unread.changed`), starts syncing the doc of each room
 * that appears, keeps the member directory current, and records the local
 * user in the member list of every workspace that opens.
 *
 * Events are coalesced: ids gather during a burst of changes and go out
 * once, after the transactions that caused them have committed.
 */
import type { EventName, EventPayload } from '../../common/contract';
import type { Logger } from '../../common/Logger';
import type { PendingAck } from '../../storage/SyncPendingStore';
import { readMessageRecord, roomDocName, roomIdOfDoc } from '../../storage/rooms/roomDocFormat';
import { changedRootKeys } from '../../storage/changedRootKeys';
import type { DocChange } from '../../sync/DocManager';
import type { WorkspaceHandle } from '../WorkspaceHandle';
import type { WorkspaceService } from '../WorkspaceService';
import type { ReadService } from './ReadService';
import type { RoomsContext } from './RoomsContext';
import type { RoomService } from './RoomService';

export interface RoomEventsDeps {
  ctx: RoomsContext;
  workspaces: WorkspaceService;
  rooms: RoomService;
  reads: ReadService;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Starts syncing one more doc of a linked workspace (no-op otherwise). */
  syncDoc: (workspaceId: string, docName: string) => void;
  log: Logger;
}

/** How long unread counts wait for more changes before they are recounted. */
const UNREAD_DELAY_MS = 30;

export class RoomEvents {
  private readonly messageIds = new Map<string, Map<string, Set<string>>>();
  private readonly roomsChanged = new Set<string>();
  private readonly unreadDue = new Set<string>();
  private readonly lastUnread = new Map<string, string>();
  private flushScheduled = false;
  private unreadTimer: NodeJS.Timeout | null = null;
  private readonly stop: () => void;
  private closed = false;

  constructor(private readonly deps: RoomEventsDeps) {
    this.stop = deps.workspaces.observeHandles({
      opened: (handle) => this.opened(handle),
      closing: (id) => deps.ctx.directory.invalidate(id),
    });
  }

  /** The profile changed: refresh the local user's member entry in every open workspace. */
  profileChanged(): void {
    for (const ws of this.deps.workspaces.list(true)) {
      const handle = this.deps.workspaces.openHandle(ws.id);
      if (handle) this.recordSelf(handle);
    }
  }

  /** The relay acknowledged local changes: messages written with them are no longer pending. */
  acknowledged(workspaceId: string, acks: readonly PendingAck[]): void {
    const handle = this.deps.workspaces.openHandle(workspaceId);
    if (!handle) return;
    const ws = this.deps.ctx.forHandle(handle);
    for (const ack of acks) {
      const roomId = roomIdOfDoc(ack.docName);
      if (roomId === null) continue;
      const ids = ws.messages.takeAcknowledged(roomId, ack);
      for (const id of ids) this.messageChanged(workspaceId, roomId, id);
    }
  }

  /** A local preference (mute) of a room changed: its counts in the badge may have too. */
  prefsChanged(workspaceId: string): void {
    this.roomsChanged.add(workspaceId);
    this.unreadDue.add(workspaceId);
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.stop();
    if (this.unreadTimer) clearTimeout(this.unreadTimer);
  }

  private opened(handle: WorkspaceHandle): void {
    handle.docs.onChange((change) => this.onChange(handle, change));
    this.recordSelf(handle);
  }

  private recordSelf(handle: WorkspaceHandle): void {
    try {
      this.deps.rooms.ensureSelfMember(handle);
    } catch (err) {
      this.deps.log('error', `cannot record the local user in workspace ${handle.id}`, err);
    }
  }

  private onChange(handle: WorkspaceHandle, change: DocChange): void {
    const id = handle.id;
    if (change.docName === 'meta') {
      const changed = changedRootKeys(handle.docs.doc('meta'), change.transaction);
      const rooms = changed.get('rooms');
      if (rooms) {
        for (const roomId of rooms) this.deps.syncDoc(id, roomDocName(roomId));
        this.roomsChanged.add(id);
        this.unreadDue.add(id);
      }
      if (changed.has('members')) {
        this.deps.ctx.directory.invalidate(id);
        // A new name (a teammate's, ours, a digital human's) renames a DM and the author of past messages.
        this.roomsChanged.add(id);
        // Another device of ours rewrote our entry at the same time: make sure our earlier ids are still listed.
        if (change.origin.source === 'remote' && this.deps.ctx.localAliases.length > 0 && changed.get('members')?.has(this.deps.ctx.userId)) {
          setImmediate(() => {
            if (!this.closed && this.deps.workspaces.openHandle(id) === handle) this.recordSelf(handle);
          });
        }
      }
      this.schedule();
      return;
    }
    const roomId = roomIdOfDoc(change.docName);
    if (roomId === null) return;
    const doc = handle.docs.doc(change.docName);
    const changed = changedRootKeys(doc, change.transaction);
    const messages = doc.getMap('messages');
    for (const key of changed.get('messages') ?? []) {
      this.messageChanged(id, roomId, key);
      // A reply changes its root too: the root's reply count and last reply.
      const rootId = readMessageRecord(key, messages.get(key))?.threadRootId;
      if (rootId) this.messageChanged(id, roomId, rootId);
    }
    for (const key of changed.get('pins') ?? []) this.messageChanged(id, roomId, key);
    for (const key of changed.get('reactions') ?? []) this.messageChanged(id, roomId, key.slice(0, Math.max(0, key.indexOf(' '))));
    if (changed.has('messages') || changed.has('reads')) {
      this.unreadDue.add(id);
      this.roomsChanged.add(id);
    }
    this.schedule();
  }

  private messageChanged(workspaceId: string, roomId: string, messageId: string): void {
    if (messageId.length === 0) return;
    let rooms = this.messageIds.get(workspaceId);
    if (!rooms) this.messageIds.set(workspaceId, (rooms = new Map()));
    let ids = rooms.get(roomId);
    if (!ids) rooms.set(roomId, (ids = new Set()));
    ids.add(messageId);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    // After the current transaction (the listener runs inside it) has committed.
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    for (const [workspaceId, rooms] of this.messageIds) {
      for (const [roomId, ids] of rooms) this.deps.emit('messages.changed', { workspaceId, roomId, messageIds: [...ids] });
    }
    this.messageIds.clear();
    for (const workspaceId of this.roomsChanged) this.deps.emit('rooms.changed', { workspaceId });
    this.roomsChanged.clear();
    if (this.unreadDue.size > 0 && !this.unreadTimer) {
      this.unreadTimer = setTimeout(() => this.flushUnread(), UNREAD_DELAY_MS);
      this.unreadTimer.unref();
    }
  }

  private flushUnread(): void {
    this.unreadTimer = null;
    if (this.closed) return;
    const due = [...this.unreadDue];
    this.unreadDue.clear();
    for (const workspaceId of due) {
      if (!this.deps.workspaces.openHandle(workspaceId)) continue;
      try {
        const summary = this.deps.reads.summary(workspaceId);
        const key = `${summary.total}/${summary.mentions}`;
        if (this.lastUnread.get(workspaceId) === key) continue;
        this.lastUnread.set(workspaceId, key);
        this.deps.emit('unread.changed', summary);
      } catch (err) {
        this.deps.log('error', `cannot count the unread messages of ${workspaceId}`, err);
      }
    }
  }
}
