import { describe, expect, it } from 'vitest';
import { readPresenceState, writePresenceState } from './readPresenceState';

describe('presence state', () => {
  it('reads back what it writes', () => {
    const state = { userId: 'u1', status: 'away' as const, typing: { roomId: 'r1', threadRootId: 'm1' } };
    expect(readPresenceState(writePresenceState(state))).toEqual(state);
    expect(readPresenceState(writePresenceState({ ...state, typing: null }))).toEqual({ ...state, typing: null });
  });

  it('refuses what a peer should not send', () => {
    for (const bad of [null, 'x', {}, { v: 2, userId: 'u1', status: 'active' }, { v: 1, userId: '../x', status: 'active' }, { v: 1, userId: 'u1', status: 'busy' }]) {
      expect(readPresenceState(bad)).toBeNull();
    }
    // A malformed typing place is dropped, the rest of the state kept.
    expect(readPresenceState({ v: 1, userId: 'u1', status: 'active', typing: { roomId: 'a/b', threadRootId: null } })).toEqual({ userId: 'u1', status: 'active', typing: null });
  });
});
