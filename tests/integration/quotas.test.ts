/**
 * Daily quotas of digital humans, enforced: a used-up token quota stops the
 * next turn before any model request and mid-turn before the next one, with
 * a clear message (English and French) in the room and an audit entry;
 * tool-call and message quotas refuse the call or the turn the same way.
 * Usage is read from the audit trail (per day, per member, per DH), quotas
 * live in the synced governance doc (a member cannot change them, a
 * teammate's device sees them), and the CLI prints both.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Message, QuotaSettings, Task, UsageReport } from '../../src-main/common/contract';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { agentSetup, chatRequests, FAST_AGENTS, roomMessages, TEST_API_KEY } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { linkedPair } from '../fixtures/linkedPair';
import { runCliInProcess } from '../fixtures/runCliInProcess';
import { eventually } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';

describe('quotas', () => {
  it('a used-up daily token quota stops the next turn before any request, says so in the room and in the trail', async () => {
    const s = await agentSetup();
    await s.t.call('quota.set', { workspaceId: s.workspaceId, scope: 'workspace', limits: { tokens: 50 } });
    s.llm.reply({ text: 'First answer.', usage: { promptTokens: 40, completionTokens: 20 } });
    const first = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe hello' });
    expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, first.id, 15_000))?.state).toBe('done');
    const usage = await s.t.call<UsageReport>('usage.get', { workspaceId: s.workspaceId, days: 3 });
    expect(usage.today).toEqual({ tokens: 60, toolCalls: 0, messages: 1 });
    expect(usage.days.map((d) => d.tokens)).toEqual([0, 0, 60]);
    expect(usage.members.map((m) => [m.id, m.tokens])).toEqual([[s.userId, 60]]);
    expect(usage.dhs.map((d) => [d.name, d.tokens, d.messages])).toEqual([['Philippe', 60, 1]]);

    const second = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe and now?' });
    const job = await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, second.id, 15_000);
    expect(job?.state).toBe('failed');
    expect(chatRequests(s.llm)).toHaveLength(1);
    const reply = (await roomMessages(s.t, s.workspaceId, s.room.id)).filter((m) => m.authorId === s.dh.id).at(-1)!;
    expect(reply.text).toContain('this workspace’s daily quota of 50 model tokens is used up');
    expect(reply.text).toContain('le quota quotidien de cet espace de travail de 50 jetons de modèle est épuisé');
    const audit = await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId, actorId: s.dh.id });
    expect(audit.filter((e) => e.action === 'quota.exceeded').map((e) => e.outcome)).toEqual(['denied']);
  });

  it('stops a turn mid-way at the token limit, keeping what was done and counting what was used', async () => {
    const s = await agentSetup();
    await s.t.call('quota.set', { workspaceId: s.workspaceId, scope: 'dh', id: s.dh.id, limits: { tokens: 100 } });
    s.llm.reply({ toolCalls: [{ name: 'task_create', arguments: JSON.stringify({ title: 'Book the room' }) }], usage: { promptTokens: 90, completionTokens: 30 } }, 'never sent');
    const ask = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe track booking the room' });
    expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, ask.id, 15_000))?.state).toBe('failed');
    expect(chatRequests(s.llm)).toHaveLength(1);
    expect((await s.t.call<Task[]>('task.list', { workspaceId: s.workspaceId, dhId: s.dh.id })).map((t) => t.title)).toEqual(['Book the room']);
    const reply = (await roomMessages(s.t, s.workspaceId, s.room.id)).find((m) => m.authorId === s.dh.id)!;
    expect(reply.text).toContain('Philippe’s daily quota of 100 model tokens is used up');
    expect((await s.t.call<UsageReport>('usage.get', { workspaceId: s.workspaceId })).today).toEqual({ tokens: 120, toolCalls: 1, messages: 0 });
  });

  it('refuses a tool call past the tool-call quota, and a turn past the member’s message quota', async () => {
    const s = await agentSetup();
    await s.t.call('quota.set', { workspaceId: s.workspaceId, scope: 'member', limits: { toolCalls: 1, messages: 1 } });
    s.llm.reply(
      { toolCalls: [{ name: 'task_create', arguments: JSON.stringify({ title: 'One' }) }, { name: 'task_create', arguments: JSON.stringify({ title: 'Two' }) }] },
      'Only one task could be made.',
    );
    const ask = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe make two tasks' });
    expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, ask.id, 15_000))?.state).toBe('done');
    expect((await s.t.call<Task[]>('task.list', { workspaceId: s.workspaceId, dhId: s.dh.id })).map((t) => t.title)).toEqual(['One']);
    const refused = (await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId, actorId: s.dh.id })).filter((e) => e.action === 'tool.task_create' && e.outcome === 'denied');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.detail).toContain('daily quota of 1 tool calls is used up');
    // One message (the reply) was the member's quota for today: the next question gets the quota message, no model request.
    const before = chatRequests(s.llm).length;
    const again = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe one more thing' });
    expect((await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, again.id, 15_000))?.state).toBe('failed');
    expect(chatRequests(s.llm)).toHaveLength(before);
    expect((await roomMessages(s.t, s.workspaceId, s.room.id)).at(-1)!.text).toContain('your daily quota of 1 messages is used up');
  });

  it('keeps quotas in the synced governance doc: a teammate sees them and, as a member, cannot change them', async () => {
    const { a, b, ws } = await linkedPair({ agents: FAST_AGENTS });
    const set = await a.call<QuotaSettings>('quota.set', { workspaceId: ws, scope: 'workspace', limits: { tokens: 200_000, messages: 300 } });
    expect(set).toMatchObject({ workspace: { tokens: 200_000, toolCalls: null, messages: 300 }, canEdit: true });
    await eventually(() => b.call<QuotaSettings>('quota.get', { workspaceId: ws }), (q) => q.workspace.tokens === 200_000, 'B sees the quota');
    expect((await b.call<QuotaSettings>('quota.get', { workspaceId: ws })).canEdit).toBe(false);
    await expect(b.call('quota.set', { workspaceId: ws, scope: 'workspace', limits: { tokens: null } })).rejects.toThrow(/FORBIDDEN Only owners and admins can change quotas/);
  });

  it('qwanyx usage and qwanyx quota', async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    const dataDir = makeTempDir('qwanyx-usage-');
    const secretStore = new MemorySecretStore();
    const cli = (argv: string[], stdin?: string) =>
      runCliInProcess(dataDir, argv, { secretStore, ...(stdin ? { stdin: { isTTY: false, readLine: () => Promise.resolve(stdin) } } : {}) });
    await cli(['workspace', 'create', 'Acme', '--json']);
    await cli(['provider', 'set', '--workspace', 'Acme', '--preset', 'custom', '--base-url', llm.baseUrl, '--model', 'fake-chat', '--api-key-stdin'], TEST_API_KEY);
    await cli(['dh', 'create', '--workspace', 'Acme', '--name', 'Philippe', '--handle', 'philippe']);
    await cli(['room', 'create', '--workspace', 'Acme', '--name', 'general']);
    expect(await cli(['quota', 'set', '--workspace', 'Acme', '--all-dhs', '--tokens', '5000', '--messages', 'none'])).toMatchObject({ code: 0, out: ['Quota set.'] });
    expect((await cli(['quota', 'set', '--workspace', 'Acme', '--tokens', '-3'])).code).toBe(2);
    llm.reply({ text: 'Hi.', usage: { promptTokens: 70, completionTokens: 5 } }, JSON.stringify({ operations: [{ op: 'NOOP' }] }));
    expect((await cli(['ask', '--workspace', 'Acme', '--room', '#general', '@philippe hi'])).code).toBe(0);
    const report = JSON.parse((await cli(['usage', '--workspace', 'Acme', '--days', '2', '--json'])).out[0]!) as UsageReport;
    expect(report.days).toHaveLength(2);
    expect(report.today.messages).toBe(1);
    expect(report.today.tokens).toBeGreaterThanOrEqual(75);
    expect(report.quotas.dh).toEqual({ tokens: 5000, toolCalls: null, messages: null });
    const text = (await cli(['usage', '--workspace', 'Acme'])).out;
    expect(text[0]).toMatch(/^Today: +\d+ tokens +0 tool calls +1 messages$/);
    expect(text.some((l) => /^ {2}Philippe +\d+ tokens/.test(l))).toBe(true);
    expect((await cli(['quota', 'list', '--workspace', 'Acme'])).out).toContain('each DH        tokens 5000, tool calls none, messages none');
    expect((await cli(['usage', '--workspace', 'Acme', '--days', '91'])).code).toBe(2);
  });
});
