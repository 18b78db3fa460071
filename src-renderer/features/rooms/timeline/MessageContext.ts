/**
 * What every message row needs from the room around it, provided once per
 * list rather than passed to each row, so rows stay cheap to re-render: who
 * the user is, how to resolve `@` and `#`, who wrote a message as they are
 * now (name and colour), and the actions on a message.
 */
import { createContext, useContext } from 'react';
import type { Message } from '../../../../src-main/common/contract';
import type { MarkdownReferences } from '../../../lib/markdown/MarkdownView';
import type { MentionCandidate } from '../composer/matchMentions';

export interface MessageActions {
  react(message: Message, emoji: string, on: boolean): void;
  openThread(message: Message): void;
  startEdit(message: Message): void;
  stopEdit(): void;
  saveEdit(message: Message, text: string): Promise<void>;
  remove(message: Message): void;
  pin(message: Message, on: boolean): void;
}

/** An author as they are now: a rename shows on their past messages too. */
export interface AuthorLook {
  name: string;
  /** Their own colour (digital humans), or null for the one derived from the name. */
  color: string | null;
}

export interface MessageContextValue {
  me: string;
  /** The author's current name and colour; without it, the name stored with the message. */
  authorLook?(authorId: string, storedName: string): AuthorLook;
  references: MarkdownReferences;
  candidates: readonly MentionCandidate[];
  roomNames: readonly string[];
  actions: MessageActions;
  /** The room is archived or not joined: rows are read-only. */
  readOnly: boolean;
}

export const MessageContext = createContext<MessageContextValue | null>(null);

/** The context of the list the row is in. */
export function useMessageContext(): MessageContextValue {
  const value = useContext(MessageContext);
  if (!value) throw new Error('A message row must be inside a MessageContext provider');
  return value;
}
