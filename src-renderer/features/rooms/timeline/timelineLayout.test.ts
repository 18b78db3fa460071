import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../src-main/common/contract';
import { startsDay, startsGroup, unreadStart } from './timelineLayout';

const T0 = new Date(2025, 2, 3, 10, 0).getTime();

function message(id: string, authorId: string, minutes: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    roomId: 'r',
    authorId,
    authorName: authorId,
    authorKind: 'user',
    text: id,
    createdAt: T0 + minutes * 60_000,
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

describe('grouping', () => {
  it('groups consecutive messages of one author within five minutes', () => {
    const a = message('a', 'ada', 0);
    expect(startsGroup(undefined, a)).toBe(true);
    expect(startsGroup(a, message('b', 'ada', 4))).toBe(false);
    expect(startsGroup(a, message('c', 'ada', 6))).toBe(true);
    expect(startsGroup(a, message('d', 'grace', 1))).toBe(true);
    expect(startsGroup(a, message('e', 'ada', 1, { deleted: true }))).toBe(true);
  });

  it('starts a new day (and group) at midnight', () => {
    const late = message('a', 'ada', 13 * 60 + 59);
    const early = message('b', 'ada', 14 * 60 + 1);
    expect(startsDay(late, early)).toBe(true);
    expect(startsGroup(late, early)).toBe(true);
    expect(startsDay(message('x', 'ada', 0), message('y', 'ada', 60))).toBe(false);
  });
});

describe('unreadStart', () => {
  const run = [message('m1', 'me', 0), message('m2', 'ada', 1), message('m3', 'me', 2), message('m4', 'ada', 3)];

  it('is the first message of someone else after the read pointer', () => {
    expect(unreadStart(run, 'm2', 'me', 1, false)).toEqual({ id: 'm4', before: false });
    expect(unreadStart(run, 'm1', 'me', 2, false)).toEqual({ id: 'm2', before: false });
  });

  it('is nothing when all is read', () => {
    expect(unreadStart(run, 'm4', 'me', 0, false)).toEqual({ id: null, before: false });
  });

  it('is above the loaded messages when the pointer is not loaded and older ones exist', () => {
    expect(unreadStart(run, 'older', 'me', 9, true)).toEqual({ id: null, before: true });
    expect(unreadStart(run, null, 'me', 9, true)).toEqual({ id: null, before: true });
    expect(unreadStart(run, null, 'me', 2, false)).toEqual({ id: 'm2', before: false });
  });
});
