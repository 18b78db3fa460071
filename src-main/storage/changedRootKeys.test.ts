import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { changedRootKeys } from './changedRootKeys';

function changes(doc: Y.Doc, fn: () => void): Record<string, string[]> {
  let seen: Map<string, Set<string>> = new Map();
  const listener = (_u: Uint8Array, _o: unknown, d: Y.Doc, tr: Y.Transaction): void => {
    seen = changedRootKeys(d, tr);
  };
  doc.on('update', listener);
  doc.transact(fn);
  doc.off('update', listener);
  return Object.fromEntries([...seen].map(([k, v]) => [k, [...v].sort()]));
}

describe('changedRootKeys', () => {
  it('names the entries of root maps a transaction touched, including through nested types', () => {
    const doc = new Y.Doc();
    const rooms = doc.getMap('rooms');
    const messages = doc.getMap('messages');
    doc.getArray('list');
    const room = new Y.Map<unknown>();
    expect(changes(doc, () => {
      rooms.set('r1', room);
      messages.set('m1', { text: 'hi' });
    })).toEqual({ rooms: ['r1'], messages: ['m1'] });
    const members = new Y.Map<unknown>();
    room.set('members', members);
    expect(changes(doc, () => members.set('u1', 1))).toEqual({ rooms: ['r1'] });
    expect(changes(doc, () => room.set('name', 'x'))).toEqual({ rooms: ['r1'] });
    expect(changes(doc, () => messages.delete('m1'))).toEqual({ messages: ['m1'] });
    expect(changes(doc, () => doc.getArray('list').push([1]))).toEqual({});
  });
});
