/**
 * The deletions of an erasure on plain Yjs docs: a member's messages,
 * reactions, read pointers and the memories learnt from them go, with their
 * content gone from the doc's encoded state (garbage collection); retention
 * takes the old messages only; the relay refuses any client write to the
 * maps only it writes, an owner's included.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayRole } from '../../src-main/common/relayWire';
import type { PolicyWriter } from '../policy/checkRoomUpdate';
import { checkUpdatePolicy } from '../policy/checkUpdatePolicy';
import { DOC_POLICIES } from '../policy/docPolicies';
import { eraseFromRoomDoc, eraseMemoriesFrom, liveFileHashes, roomDocHolds } from '../../src-main/common/erasure/eraseFromDoc';
import { readErasureRecord } from '../../src-main/common/erasure/erasureRecords';

const HASH_BOB = 'b'.repeat(64);
const HASH_SHARED = 'c'.repeat(64);

function room(): Y.Doc {
  const doc = new Y.Doc();
  const messages = doc.getMap('messages');
  messages.set('m1', { id: 'm1', authorId: 'bob', text: 'Bob says ONYX-7', createdAt: 100, files: [{ hash: HASH_BOB }, { hash: HASH_SHARED }] });
  messages.set('m2', { id: 'm2', authorId: 'ada', text: 'Ada says PEARL-2', createdAt: 200, files: [{ hash: HASH_SHARED }] });
  messages.set('m3', { id: 'm3', authorId: 'bob-old', text: 'Bob before linking: RUBY-9', createdAt: 300 });
  const reactions = doc.getMap('reactions');
  reactions.set('m2 bob 👍', 1);
  reactions.set('m1 ada 🎉', 2);
  reactions.set('m2 ada 👀', 3);
  doc.getMap('reads').set('bob', { messageId: 'm2', createdAt: 200 });
  doc.getMap('reads').set('ada', { messageId: 'm1', createdAt: 100 });
  doc.getMap('pins').set('m1', { by: 'ada', at: 5 });
  return doc;
}

function encodedHolds(doc: Y.Doc, text: string): boolean {
  return Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text));
}

describe('erasing from a room doc', () => {
  it("removes a member's messages (all their ids), reactions, pins on them and read pointer, and their bytes", () => {
    const doc = room();
    const target = { kind: 'member' as const, memberIds: new Set(['bob', 'bob-old']) };
    expect(roomDocHolds(doc, target)).toBe(true);
    const erased = doc.transact(() => eraseFromRoomDoc(doc, target));
    expect(erased.messageIds.sort()).toEqual(['m1', 'm3']);
    expect({ reactions: erased.reactions, reads: erased.reads, pins: erased.pins }).toEqual({ reactions: 2, reads: 1, pins: 1 });
    expect([...erased.hashes].sort()).toEqual([HASH_BOB, HASH_SHARED]);
    expect([...liveFileHashes(doc)]).toEqual([HASH_SHARED]);
    expect([...doc.getMap('messages').keys()]).toEqual(['m2']);
    expect([...doc.getMap('reactions').keys()]).toEqual(['m2 ada 👀']);
    expect([...doc.getMap('reads').keys()]).toEqual(['ada']);
    expect(roomDocHolds(doc, target)).toBe(false);
    expect(encodedHolds(doc, 'ONYX-7')).toBe(false);
    expect(encodedHolds(doc, 'RUBY-9')).toBe(false);
    expect(encodedHolds(doc, 'PEARL-2')).toBe(true);
  });

  it("removes the held actions waiting for the member, with the decisions on them, and keeps others'", () => {
    const doc = room();
    const approvals = doc.getMap('approvals');
    approvals.set('a1', { id: 'a1', requestedFor: 'bob', tool: 'github_comment', arguments: '{"body":"Bob asked: TOPAZ-4"}', state: 'pending' });
    approvals.set('a2', { id: 'a2', requestedFor: 'ada', tool: 'github_comment', arguments: '{"body":"Ada asked: JADE-5"}', state: 'pending' });
    doc.getMap('approvalDecisions').set('a1', { decision: 'approve', by: 'bob-old', device: 'd1', at: 9 });
    doc.getMap('approvalDecisions').set('a2', { decision: 'deny', by: 'ada', device: 'd2', at: 9 });
    const target = { kind: 'member' as const, memberIds: new Set(['bob', 'bob-old']) };
    const erased = doc.transact(() => eraseFromRoomDoc(doc, target));
    expect(erased.approvals).toBe(2);
    expect([...approvals.keys()]).toEqual(['a2']);
    expect([...doc.getMap('approvalDecisions').keys()]).toEqual(['a2']);
    expect(roomDocHolds(doc, target)).toBe(false);
    expect(encodedHolds(doc, 'TOPAZ-4')).toBe(false);
    expect(encodedHolds(doc, 'JADE-5')).toBe(true);
  });

  it('retention removes only the messages created before the cut-off', () => {
    const doc = room();
    const erased = doc.transact(() => eraseFromRoomDoc(doc, { kind: 'retention', before: 250 }));
    expect(erased.messageIds.sort()).toEqual(['m1', 'm2']);
    expect(erased.reads).toBe(0);
    expect([...doc.getMap('messages').keys()]).toEqual(['m3']);
    expect(doc.getMap('reactions').size).toBe(0);
  });

  it('forgets the memories learnt from erased messages only', () => {
    const dh = new Y.Doc();
    const memories = dh.getMap('memories');
    memories.set('k1', { text: 'learnt ONYX', sourceMessageIds: ['m1'] });
    memories.set('k2', { text: 'learnt PEARL', sourceMessageIds: ['m2'] });
    memories.set('k3', { text: 'no source', sourceMessageIds: [] });
    expect(dh.transact(() => eraseMemoriesFrom(dh, new Set(['m1', 'm3'])))).toBe(1);
    expect([...memories.keys()].sort()).toEqual(['k2', 'k3']);
    expect(encodedHolds(dh, 'learnt ONYX')).toBe(false);
  });
});

describe('erasure records', () => {
  const record = { id: 'e1', kind: 'member', memberId: 'bob', aliases: [], before: null, at: 1, by: 'ada', counts: { messages: 1, reactions: 0, reads: 0, pins: 0, memories: 0, files: 0, docs: 1 }, blobs: [] };

  it('reads a well-formed record and refuses a malformed one', () => {
    expect(readErasureRecord('e1', record)?.memberId).toBe('bob');
    expect(readErasureRecord('other', record)).toBeNull();
    expect(readErasureRecord('e1', { ...record, memberId: null })).toBeNull();
    expect(readErasureRecord('e1', { ...record, blobs: ['not a hash'] })).toBeNull();
  });

  it('is written by no connection, not even an owner', () => {
    const relay = new Y.Doc();
    const mine = new Y.Doc();
    const before = Y.encodeStateVector(mine);
    mine.getMap('erasures').set('e1', record);
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(mine, before));
    const owner = { userId: 'ada', role: 'owner' as RelayRole, workspaceId: 'ws-1', docName: 'governance', facts: { memberIds: { owns: () => true }, meta: () => null, governance: () => null } } as unknown as PolicyWriter;
    expect(checkUpdatePolicy(DOC_POLICIES.governance, relay, update, owner)?.message).toMatch(/only the relay writes/);
    const retention = new Y.Doc();
    retention.getMap('retention').set('messages', { days: 1, by: 'ada', at: 1 });
    expect(checkUpdatePolicy(DOC_POLICIES.governance, relay, Y.decodeUpdate(Y.encodeStateAsUpdate(retention)), owner)?.message).toMatch(/only the relay writes/);
  });
});
