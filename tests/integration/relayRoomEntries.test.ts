/**
 * The relay checks who writes a room doc's per-person entries, with hostile
 * clients sending hand-made updates (stock Yjs over real WebSockets): a
 * reaction only by the member it names, a read pointer only by its owner, a
 * pin only in the writer's own name by someone who may post in the room,
 * and a digital human's held action and the decision on it only by the
 * member it waits for. Honest writes of the same kinds go through.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { writeApprovalDecision, writeSyncedApproval, type SyncedApproval } from '../../src-main/storage/agents/approvalDocFormat';
import { reactionKey, writeReadPointer } from '../../src-main/storage/rooms/roomDocFormat';
import { attemptWrite, readBack, refusals, updateOf, userOf, writeDurably } from '../fixtures/hostileWrites';
import { connectRaw, startTestRelay, type TestRelay } from '../fixtures/relayHarness';

const WS = 'room-entries-ws-01';
const ROOM = 'room/general';

interface People {
  relay: TestRelay;
  owner: string;
  bob: string;
  carol: string;
}

async function setup(): Promise<People> {
  const relay = await startTestRelay();
  const owner = await relay.mintToken({ workspaceId: WS, email: 'owner@example.com', role: 'owner' });
  const bob = await relay.mintToken({ workspaceId: WS, email: 'bob@example.com', role: 'member' });
  const carol = await relay.mintToken({ workspaceId: WS, email: 'carol@example.com', role: 'member' });
  await writeDurably(connectRaw(relay, WS, 'meta', owner), updateOf(new Y.Doc(), (doc) => doc.getMap('rooms').set('general', new Y.Map())));
  return { relay, owner, bob, carol };
}

/** Writes `change` as `token` against the room doc as the relay holds it now; true when acknowledged, else the close code. */
function attempt(p: People, token: string, change: (doc: Y.Doc) => void): Promise<true | number> {
  return attemptWrite(p.relay, WS, ROOM, p.owner, token, change);
}

function held(id: string, requestedFor: string): SyncedApproval {
  return { id, dhId: 'dh1', requestedFor, holder: 'laptop-1', tool: 'post_message', arguments: '{"room":"#random","text":"hi"}', reasons: ['messages'], replyId: 'r1', threadRootId: null, state: 'pending', result: null, createdAt: 1, decidedAt: null };
}

describe('relay: reactions, read pointers, pins and held actions in a room doc', () => {
  it('lets only the member a reaction or a read pointer names add, move or remove it', async () => {
    const p = await setup();
    const bob = userOf(p.bob);
    expect(await attempt(p, p.bob, (doc) => doc.getMap('reactions').set(reactionKey('m1', bob, '👍'), 1))).toBe(true);
    expect(await attempt(p, p.bob, (doc) => doc.getMap('reads').set(bob, writeReadPointer({ messageId: 'm1', createdAt: 1 })))).toBe(true);

    expect(await attempt(p, p.carol, (doc) => doc.getMap('reactions').set(reactionKey('m1', bob, '🎉'), 2))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('reactions').delete(reactionKey('m1', bob, '👍')))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('reactions').set('no-spaces-here', 3))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('reads').set(bob, writeReadPointer({ messageId: 'm0', createdAt: 0 })))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('reads').delete(bob))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('reactions').set(reactionKey('m1', userOf(p.carol), '👍'), 4))).toBe(true);

    const stored = await readBack(p.relay, WS, p.owner, ROOM);
    expect([...stored.getMap('reactions').keys()].sort()).toEqual([reactionKey('m1', bob, '👍'), reactionKey('m1', userOf(p.carol), '👍')].sort());
    expect(stored.getMap('reads').get(bob)).toEqual({ messageId: 'm1', createdAt: 1 });
    expect(await refusals(p.relay, 'forbidden_write')).toBe(5);
    // The member takes their own reaction back.
    expect(await attempt(p, p.bob, (doc) => doc.getMap('reactions').delete(reactionKey('m1', bob, '👍')))).toBe(true);
  });

  it('takes pins in the writer’s own name from anyone who may post, and unpins by any of them', async () => {
    const p = await setup();
    const bob = userOf(p.bob);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('pins').set('m1', { by: bob, at: 1 }))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('pins').set('m1', new Y.Map()))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.bob, (doc) => doc.getMap('pins').set('m1', { by: bob, at: 1 }))).toBe(true);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('pins').delete('m1'))).toBe(true);
    expect((await readBack(p.relay, WS, p.owner, ROOM)).getMap('pins').size).toBe(0);
    expect(await refusals(p.relay, 'forbidden_write')).toBe(2);
  });

  it('lets only the member a held action waits for publish it, change it and decide it', async () => {
    const p = await setup();
    const bob = userOf(p.bob);
    const carol = userOf(p.carol);
    expect(await attempt(p, p.carol, (doc) => writeSyncedApproval(doc, held('a1', bob)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.bob, (doc) => writeSyncedApproval(doc, held('a1', bob)))).toBe(true);
    // Nobody else takes it over, decides it, or decides it in Bob's name.
    expect(await attempt(p, p.carol, (doc) => writeSyncedApproval(doc, held('a1', carol)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => writeApprovalDecision(doc, 'a1', { decision: 'approve', by: carol, device: 'carol-1', at: 2 }))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => writeApprovalDecision(doc, 'a1', { decision: 'approve', by: bob, device: 'carol-1', at: 2 }))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.bob, (doc) => writeApprovalDecision(doc, 'nowhere', { decision: 'approve', by: bob, device: 'bob-2', at: 2 }))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('approvals').delete('a1'))).toBe(RelayCloseCode.PolicyRefused);
    // Bob's other device decides; the holder records the outcome.
    expect(await attempt(p, p.bob, (doc) => writeApprovalDecision(doc, 'a1', { decision: 'approve', by: bob, device: 'bob-2', at: 2 }))).toBe(true);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('approvalDecisions').delete('a1'))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.bob, (doc) => writeSyncedApproval(doc, { ...held('a1', bob), state: 'done', result: 'null', decidedAt: 3 }))).toBe(true);

    const stored = await readBack(p.relay, WS, p.owner, ROOM);
    expect(stored.getMap('approvals').get('a1')).toMatchObject({ requestedFor: bob, state: 'done' });
    expect(stored.getMap('approvalDecisions').get('a1')).toMatchObject({ by: bob, decision: 'approve' });
    expect(await refusals(p.relay, 'forbidden_write')).toBe(7);
  });
});
