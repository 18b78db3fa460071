// A write of a digital human held for approval, then decided, as the room
// shows it (fake model and fake GitHub over real HTTP, the real core and its
// SQLite): once Ada approves the held workflow dispatch, it runs once and
// the room doc holds its tool-call card (linked to the approval) under a
// short follow-up reply of the digital human that carries the result as
// data; the next turn reads that reply as a tool's answer, not as the DH's
// own words. Denied: no run, no card, no follow-up. Approved while GitHub is
// unreachable: the card says it failed, the follow-up says to ask again, and
// nothing is sent once GitHub is back (the offline rule: a confirmed write is
// not replayed later); asked again, the DH's new dispatch waits for a new
// approval.
import { describe, expect, it } from 'vitest';
import type { AgentApprovalView, DigitalHuman, Message, Room, ToolCallView } from '../../src-main/common/contract';
import { readToolCall, TOOL_CALLS_MAP, toolCallKey } from '../../src-main/storage/agents/toolCallDocFormat';
import { roomDocName } from '../../src-main/storage/rooms/roomDocFormat';
import { FAST_AGENTS, TEST_API_KEY, chatRequests, roomMessages, useFakeProvider, type AgentSetup as Setup } from '../fixtures/agentSetup';
import { startFakeGithub, type FakeGithub } from '../fixtures/fakeGithubServer';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { makeCore } from '../fixtures/makeCore';
import { meAndWorkspace } from '../fixtures/roomPeers';

const TOKEN = 'ghp_approvedRunTestToken00000';
const DISPATCH = { repo: 'acme/web', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } };

/** A core whose Robin may use a fake GitHub, in a #deploys room, with Ada as the person asking. */
async function deployRoom(): Promise<{ s: Setup; gh: FakeGithub }> {
  const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
  const gh = await startFakeGithub({ tokens: { [TOKEN]: 'octo-admin' } });
  const t = await makeCore({ agents: FAST_AGENTS });
  await t.call('profile.update', { displayName: 'Ada Veyra', email: 'ada@example.com' });
  const { me, workspaceId } = await meAndWorkspace(t);
  await useFakeProvider(t, workspaceId, llm);
  await t.call('connector.add', { workspaceId, connector: 'github', apiUrl: gh.apiUrl, auth: { kind: 'token', token: TOKEN } });
  const dh = await t.call<DigitalHuman>('dh.create', { workspaceId, name: 'Robin', handle: 'robin', persona: 'You run deploys.', tools: ['connectors'] });
  const room = await t.call<Room>('room.create', { workspaceId, name: 'deploys', memberIds: [dh.id] });
  return { s: { t, llm, workspaceId, userId: me.userId, dh, room }, gh };
}

/** The DH proposes the dispatch on `ask`; returns the held approval. */
async function propose(s: Setup, ask: string): Promise<AgentApprovalView> {
  const before = new Set((await s.t.call<AgentApprovalView[]>('agent.approvals', { workspaceId: s.workspaceId })).map((a) => a.id));
  s.llm.reply({ toolCalls: [{ name: 'github_dispatch_workflow', arguments: JSON.stringify(DISPATCH) }] }, 'The deploy waits for your approval.');
  const m = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: ask });
  expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, m.id, 20_000))?.state).toBe('done');
  const held = (await s.t.call<AgentApprovalView[]>('agent.approvals', { workspaceId: s.workspaceId })).filter((a) => !before.has(a.id));
  expect(held.map((a) => [a.tool, a.state])).toEqual([['github_dispatch_workflow', 'pending']]);
  return held[0]!;
}

async function cards(s: Setup): Promise<{ messageId: string; calls: ToolCallView[] }[]> {
  return s.t.call('agent.toolCalls', { workspaceId: s.workspaceId, roomId: s.room.id });
}

describe('the run of an approved action in the room', () => {
  it('shows the run as a tool-call card under a follow-up of the DH, which its next turn reads as data; a denial runs nothing', { timeout: 60_000 }, async () => {
    const { s, gh } = await deployRoom();
    const { t, llm, workspaceId, dh, room } = s;

    const held = await propose(s, '@robin deploy main to staging');
    // Held: no card for it (its approval card says it), nothing sent.
    expect(await cards(s)).toEqual([]);
    expect(gh.repo('acme/web').dispatches).toEqual([]);

    const done = await t.call<AgentApprovalView>('agent.decide', { workspaceId, approvalId: held.id, decision: 'approve' });
    expect(done.state).toBe('done');
    expect(gh.repo('acme/web').dispatches).toHaveLength(1);

    // The room doc holds the run's card, linked to the approval, under a follow-up reply of the DH.
    const shown = await cards(s);
    expect(shown).toHaveLength(1);
    const followUpId = shown[0]!.messageId;
    expect(followUpId).not.toBe(held.replyId);
    expect(shown[0]!.calls).toEqual([
      expect.objectContaining({ index: 0, tool: 'github_dispatch_workflow', outcome: 'ok', approvalId: held.id, target: 'acme/web', words: { key: 'github.dispatch', params: { workflow: 'deploy.yml', ref: 'main' } } }),
    ]);
    expect(shown[0]!.calls[0]!.result).toContain('dispatched: true');
    const doc = t.core.workspaces.handle(workspaceId).docs.doc(roomDocName(room.id));
    const raw = doc.getMap(TOOL_CALLS_MAP).get(toolCallKey(followUpId, 0));
    expect(readToolCall(toolCallKey(followUpId, 0), raw)).toMatchObject({ dhId: dh.id, postedBy: s.userId, approvalId: held.id, outcome: 'ok' });
    const followUp = (await roomMessages(t, workspaceId, room.id)).find((m) => m.id === followUpId)!;
    expect(followUp.authorId).toBe(dh.id);
    expect(followUp.text).toMatch(/^Done: `github_dispatch_workflow`, as Ada Veyra approved \(ran in \d+(\.\d)? m?s\)\. What came back:\n\n```text\ndispatched: true/);
    expect(followUp.mentions).toEqual([]);

    // The next turn knows what came of it, as a tool's answer (data), not as its own words.
    llm.reply('The deploy was dispatched.');
    const asked = await t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@robin did it run?' });
    expect((await t.core.agents.waitFor(workspaceId, dh.id, asked.id, 20_000))?.state).toBe('done');
    const last = chatRequests(llm).filter((r) => JSON.stringify(r.body.messages).includes('did it run?') && r.body.tools).at(-1)!.body.messages;
    const report = last.find((m) => m.content?.includes('what came of an action you proposed, run once the person approved it (a tool answer)'))!;
    expect(report.role).toBe('user');
    expect(report.content).toContain('dispatched: true');
    expect(last.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(['The deploy waits for your approval.']);

    // Denied: nothing runs, no card, no follow-up.
    const messagesBefore = (await roomMessages(t, workspaceId, room.id)).length;
    const second = await propose(s, '@robin deploy main to staging again');
    const denied = await t.call<AgentApprovalView>('agent.decide', { workspaceId, approvalId: second.id, decision: 'deny' });
    expect(denied.state).toBe('denied');
    expect(gh.repo('acme/web').dispatches).toHaveLength(1);
    expect((await cards(s)).map((c) => c.messageId)).toEqual([followUpId]);
    expect(await roomMessages(t, workspaceId, room.id)).toHaveLength(messagesBefore + 2);
  });

  it('approved while GitHub is unreachable: a failed card, a follow-up that says to ask again, no replay; asked again, it waits for a new approval', { timeout: 60_000 }, async () => {
    const { s, gh } = await deployRoom();
    const { t, workspaceId, room } = s;

    const held = await propose(s, '@robin deploy main to staging');
    const port = Number(new URL(gh.apiUrl).port);
    await gh.close();
    const failed = await t.call<AgentApprovalView>('agent.decide', { workspaceId, approvalId: held.id, decision: 'approve' });
    expect(failed.state).toBe('failed');

    const [shown] = await cards(s);
    expect(shown!.calls).toEqual([expect.objectContaining({ tool: 'github_dispatch_workflow', outcome: 'failed', approvalId: held.id })]);
    expect(shown!.calls[0]!.reason).toMatch(/cannot be reached/);
    const followUp = (await roomMessages(t, workspaceId, room.id)).find((m) => m.id === shown!.messageId)!;
    expect(followUp.text).toMatch(/^Not done: `github_dispatch_workflow` failed after Ada Veyra approved it\. It is not retried by itself: ask me again when it can run\.\n\n```text\n.*cannot be reached/);

    // GitHub is back where it was: nothing is sent by itself, and the decision cannot be taken again.
    const back = await startFakeGithub({ tokens: { [TOKEN]: 'octo-admin' }, port });
    await new Promise((r) => setTimeout(r, 500));
    expect(back.requests).toEqual([]);
    await expect(t.call('agent.decide', { workspaceId, approvalId: held.id, decision: 'approve' })).rejects.toThrow(/already decided/);
    // Asked again, the dispatch is held again: a new approval, and still nothing sent.
    const again = await propose(s, '@robin try the deploy again');
    expect(again.id).not.toBe(held.id);
    expect(back.repo('acme/web').dispatches).toEqual([]);
    await t.call('agent.decide', { workspaceId, approvalId: again.id, decision: 'approve' });
    expect(back.repo('acme/web').dispatches).toHaveLength(1);
    expect((await cards(s)).map((c) => c.calls[0]!.outcome)).toEqual(['failed', 'ok']);
  });
});
