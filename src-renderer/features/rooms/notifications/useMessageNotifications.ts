/**
 * OS notifications (the Notification API, which Electron maps to the
 * system's) for new messages that mention the user or arrive in a direct
 * conversation, and for digital humans' replies this device wrote (once
 * finished, with their final text), in any workspace of this device. None
 * for one's own messages, for muted rooms or workspaces, for messages older
 * than this window, or for the room the user is looking at. A click opens
 * the room at the message.
 */
import { useEffect, useRef } from 'react';
import type { Message, Room } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n/I18nProvider';
import { markdownPlainText } from '../../../lib/markdown/markdownPlainText';
import { visibleRoom } from '../roomNavigation';

interface NotificationOptions {
  me: string;
  /** Names of the workspaces, for the notification's title. */
  workspaceNames: ReadonlyMap<string, string>;
  /** Workspaces whose notifications the person turned off on this device. */
  mutedWorkspaceIds: readonly string[];
  onOpen(workspaceId: string, roomId: string, messageId: string): void;
}

/** Message ids remembered as already seen. */
const MAX_SEEN = 5000;
/** Messages fetched per event at most (a sync catching up is not a reason for a burst). */
const MAX_PER_EVENT = 5;

/** Message Markdown as plain text for a notification body. */
export function notificationText(markdown: string, max = 180): string {
  const flat = markdownPlainText(markdown);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function useMessageNotifications(options: NotificationOptions): void {
  const t = useT();
  const latest = useRef({ ...options, t });
  useEffect(() => {
    latest.current = { ...options, t };
  });

  useEffect(() => {
    if (typeof Notification === 'undefined') return undefined;
    const startedAt = Date.now();
    const seen = new Set<string>();
    const seenReplies = new Set<string>();
    const rooms = new Map<string, Promise<Room[]>>();
    const roomsOf = (workspaceId: string): Promise<Room[]> => {
      let found = rooms.get(workspaceId);
      if (!found) {
        found = api.invoke('room.list', { workspaceId });
        rooms.set(workspaceId, found);
        found.catch(() => rooms.delete(workspaceId));
      }
      return found;
    };

    async function consider(workspaceId: string, roomId: string, messageIds: string[], reply = false): Promise<void> {
      // A reply is told once finished, whatever its earlier versions did.
      const fresh = messageIds.filter((id) => !seen.has(id) || (reply && !seenReplies.has(id)));
      for (const id of fresh) (reply ? seenReplies : seen).add(id);
      for (const set of [seen, seenReplies]) if (set.size > MAX_SEEN) for (const id of [...set].slice(0, set.size - MAX_SEEN)) set.delete(id);
      if (fresh.length === 0 || Notification.permission !== 'granted' || latest.current.mutedWorkspaceIds.includes(workspaceId)) return;
      const room = (await roomsOf(workspaceId)).find((r) => r.id === roomId);
      if (!room || room.muted) return;
      for (const messageId of fresh.slice(0, MAX_PER_EVENT)) {
        const page = await api.invoke('message.around', { workspaceId, roomId, messageId, limit: 3 });
        const message = page.messages.find((m) => m.id === messageId);
        if (message) show(workspaceId, room, message, reply);
      }
    }

    function show(workspaceId: string, room: Room, message: Message, reply: boolean): void {
      const { me, workspaceNames, onOpen, t: tr } = latest.current;
      if (message.authorId === me || message.deleted || message.createdAt < startedAt - 5000) return;
      if (!reply && room.kind !== 'dm' && !message.mentions.includes(me)) return;
      // A reply being written is told when it is done (by its job), not at its first words.
      if (!reply && message.authorKind === 'dh' && !message.mentions.includes(me)) return;
      const onScreen = visibleRoom();
      const looking = onScreen?.workspaceId === workspaceId && onScreen.roomId === room.id && document.hasFocus();
      if (looking) return;
      const workspace = workspaceNames.get(workspaceId) ?? '';
      const title = reply
        ? tr('rooms.notify.reply', { author: message.authorName, room: room.kind === 'dm' ? message.authorName : `#${room.name}`, workspace })
        : room.kind === 'dm'
          ? tr('rooms.notify.dm', { author: message.authorName, workspace })
          : tr('rooms.notify.mention', { author: message.authorName, room: room.name, workspace });
      const notification = new Notification(title, { body: notificationText(message.text), tag: message.id });
      notification.onclick = () => {
        window.focus();
        onOpen(workspaceId, room.id, message.id);
        notification.close();
      };
    }

    const unsubscribeMessages = api.on('messages.changed', (event) => {
      consider(event.workspaceId, event.roomId, event.messageIds).catch((err: unknown) => console.error('Notifying a message failed', err));
    });
    const unsubscribeRooms = api.on('rooms.changed', (event) => rooms.delete(event.workspaceId));
    const unsubscribeJobs = api.on('agent.jobChanged', ({ workspaceId, job }) => {
      if (job.state !== 'done' || job.replyId === null) return;
      consider(workspaceId, job.roomId, [job.replyId], true).catch((err: unknown) => console.error('Notifying a reply failed', err));
    });
    return () => {
      unsubscribeMessages();
      unsubscribeRooms();
      unsubscribeJobs();
    };
  }, []);
}
