/**
 * The calls that change messages, each applying the core's answer to the
 * loaded lists at once (the `messages.changed` event that follows confirms
 * it), and reporting a refusal through `onError`.
 */
import { useMemo } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import { api } from '../../../lib/api';
import { loadedStoresOf } from './MessageListStore';

export interface MessageCommands {
  post(roomId: string, text: string, threadRootId: string | null): Promise<Message>;
  edit(message: Message, text: string): Promise<Message>;
  remove(message: Message): Promise<Message>;
  react(message: Message, emoji: string, on: boolean): Promise<Message>;
  pin(message: Message, on: boolean): Promise<Message>;
}

export function useMessageCommands(workspaceId: string): MessageCommands {
  return useMemo(() => {
    function apply(message: Message): Message {
      for (const store of loadedStoresOf(workspaceId, message.roomId)) store.upsert(message);
      return message;
    }
    const ref = (m: Message): { workspaceId: string; roomId: string; messageId: string } => ({ workspaceId, roomId: m.roomId, messageId: m.id });
    return {
      async post(roomId, text, threadRootId) {
        const message = apply(await api.invoke('message.post', { workspaceId, roomId, text, ...(threadRootId ? { threadRootId } : {}) }));
        if (threadRootId) {
          // The root's reply count changed too.
          for (const store of loadedStoresOf(workspaceId, roomId)) if (store.has(threadRootId)) void store.refresh([threadRootId]);
        }
        return message;
      },
      edit: async (m, text) => apply(await api.invoke('message.edit', { ...ref(m), text })),
      remove: async (m) => apply(await api.invoke('message.delete', ref(m))),
      react: async (m, emoji, on) => apply(await api.invoke('message.react', { ...ref(m), emoji, on })),
      pin: async (m, on) => apply(await api.invoke('message.pin', { ...ref(m), on })),
    };
  }, [workspaceId]);
}
