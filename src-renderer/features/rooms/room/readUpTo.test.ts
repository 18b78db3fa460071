import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../src-main/common/contract';
import { readUpTo, REPLY_PLACEHOLDER } from './readUpTo';

function message(id: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    roomId: 'r',
    authorId: 'ada',
    authorName: 'Ada',
    authorKind: 'user',
    text: id,
    createdAt: 1_000,
    editedAt: null,
    deleted: false,
    threadRootId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    mentions: [],
    pinned: false,
    pending: false,
    ...extra,
  };
}

const nobodyWriting = (): boolean => false;

describe('how far the read pointer goes', () => {
  it('goes to the newest message shown when nothing is being written', () => {
    const messages = [message('a'), message('b'), message('c')];
    expect(readUpTo(messages, 'c', nobodyWriting)).toBe('c');
    expect(readUpTo(messages, 'b', nobodyWriting)).toBe('b');
  });

  it('stops before a digital human’s "…" placeholder, from any device, and passes it once it has words', () => {
    const mention = message('ask', { text: '@marion when is the renewal due?' });
    const placeholder = message('reply', { authorId: 'marion', authorKind: 'dh', text: REPLY_PLACEHOLDER });
    expect(readUpTo([mention, placeholder], 'reply', nobodyWriting)).toBe('ask');
    expect(readUpTo([mention, { ...placeholder, text: 'The renewal is due on 30 June.' }], 'reply', nobodyWriting)).toBe('reply');
    // A person who types "…" is not a placeholder.
    expect(readUpTo([mention, message('dots', { text: REPLY_PLACEHOLDER })], 'dots', nobodyWriting)).toBe('dots');
  });

  it('stops before a reply this device is still writing, even with words in it', () => {
    const messages = [message('ask'), message('reply', { authorKind: 'dh', text: 'The renewal is' }), message('other', { authorKind: 'dh', text: '…' })];
    const writing = (id: string): boolean => id === 'reply';
    expect(readUpTo(messages, 'other', writing)).toBe('ask');
    expect(readUpTo(messages, 'other', nobodyWriting)).toBe('reply');
  });

  it('goes nowhere when only replies being written are shown, or the message is not loaded', () => {
    expect(readUpTo([message('reply', { authorKind: 'dh', text: REPLY_PLACEHOLDER })], 'reply', nobodyWriting)).toBeNull();
    expect(readUpTo([message('a')], 'missing', nobodyWriting)).toBeNull();
  });
});
