/**
 * The relay checks who writes the tool-call cards of digital humans'
 * replies in a room doc (`toolCalls`, storage/agents/toolCallDocFormat.ts),
 * with hostile clients sending hand-made updates (stock Yjs over real
 * WebSockets): a card only in the writer's own name (`postedBy`), under a
 * well-formed key, never a shared type; nobody takes over or removes
 * another member's card, except a moderator removing it with the reply.
 * Honest writes go through and read back. The card of a call run once
 * approved (linked to its approval by `approvalId`) follows the same rule.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayCloseCode } from '../../src-main/common/relayWire';
import { readToolCall, toolCallKey, writeToolCall, type ToolCallRecord } from '../../src-main/storage/agents/toolCallDocFormat';
import { attemptWrite, readBack, refusals, updateOf, userOf, writeDurably } from '../fixtures/hostileWrites';
import { connectRaw, startTestRelay, type TestRelay } from '../fixtures/relayHarness';

const WS = 'tool-calls-ws-01';
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

function card(postedBy: string, index = 0): ToolCallRecord {
  return {
    messageId: 'reply1',
    index,
    dhId: 'dh1',
    postedBy,
    tool: 'github_list_issues',
    words: { key: 'github.openIssues', params: { repo: 'acme/api', count: 3 } },
    target: 'acme/api',
    outcome: 'ok',
    reason: null,
    ms: 120,
    arguments: '{"repo":"acme/api"}',
    result: '#12 Broken build (open)',
    at: 1,
  };
}

describe('relay: tool-call cards in a room doc', () => {
  it('takes a card only from the member whose device ran the call, and keeps it theirs', async () => {
    const p = await setup();
    const bob = userOf(p.bob);
    const carol = userOf(p.carol);
    // Carol cannot record a call in Bob's name, under a malformed key, or as a shared type.
    expect(await attempt(p, p.carol, (doc) => writeToolCall(doc, card(bob)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('toolCalls').set('reply1', card(carol)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('toolCalls').set('reply1 007', card(carol)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('toolCalls').set(toolCallKey('reply1', 5), new Y.Map()))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('toolCalls').set(toolCallKey('reply1', 6), { postedBy: 42 }))).toBe(RelayCloseCode.PolicyRefused);

    expect(await attempt(p, p.bob, (doc) => writeToolCall(doc, card(bob)))).toBe(true);
    expect(await attempt(p, p.bob, (doc) => writeToolCall(doc, card(bob, 1)))).toBe(true);
    // Nobody takes Bob's card over (a replacement removes his value) or removes it.
    expect(await attempt(p, p.carol, (doc) => writeToolCall(doc, card(carol)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('toolCalls').delete(toolCallKey('reply1', 0)))).toBe(RelayCloseCode.PolicyRefused);

    const stored = await readBack(p.relay, WS, p.owner, ROOM);
    const key = toolCallKey('reply1', 0);
    expect(readToolCall(key, stored.getMap('toolCalls').get(key))).toMatchObject({ postedBy: bob, outcome: 'ok', words: { key: 'github.openIssues' } });
    expect(stored.getMap('toolCalls').size).toBe(2);
    expect(await refusals(p.relay, 'forbidden_write')).toBe(7);

    // Bob's device starts the reply's list afresh; the owner (message.delete:any) removes a card with its reply.
    expect(await attempt(p, p.bob, (doc) => doc.getMap('toolCalls').delete(toolCallKey('reply1', 1)))).toBe(true);
    expect(await attempt(p, p.owner, (doc) => doc.getMap('toolCalls').delete(key))).toBe(true);
    expect((await readBack(p.relay, WS, p.owner, ROOM)).getMap('toolCalls').size).toBe(0);
  });

  it('takes the card of a run after approval only from the member whose device held and ran it', async () => {
    const p = await setup();
    const bob = userOf(p.bob);
    const carol = userOf(p.carol);
    const ran = (postedBy: string): ToolCallRecord => ({ ...card(postedBy), messageId: 'followup1', tool: 'github_dispatch_workflow', words: { key: 'github.dispatch', params: { workflow: 'deploy.yml', ref: 'main' } }, approvalId: 'appr-1' });
    // Carol cannot write it in Bob's name, nor replace or remove Bob's.
    expect(await attempt(p, p.carol, (doc) => writeToolCall(doc, ran(bob)))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.bob, (doc) => writeToolCall(doc, ran(bob)))).toBe(true);
    expect(await attempt(p, p.carol, (doc) => writeToolCall(doc, { ...ran(carol), outcome: 'failed', reason: 'GitHub cannot be reached' }))).toBe(RelayCloseCode.PolicyRefused);
    expect(await attempt(p, p.carol, (doc) => doc.getMap('toolCalls').delete(toolCallKey('followup1', 0)))).toBe(RelayCloseCode.PolicyRefused);
    const stored = await readBack(p.relay, WS, p.owner, ROOM);
    const key = toolCallKey('followup1', 0);
    expect(readToolCall(key, stored.getMap('toolCalls').get(key))).toMatchObject({ postedBy: bob, outcome: 'ok', approvalId: 'appr-1' });
    expect(await refusals(p.relay, 'forbidden_write')).toBe(3);
  });
});
