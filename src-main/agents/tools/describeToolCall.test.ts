import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DigitalHuman } from '../../common/contract';
import { githubTools } from '../../integrations/github/githubTools';
import type { GithubApi } from '../../integrations/github/GithubApi';
import { defineTool, type AgentTool, type ToolContext } from './AgentTool';
import { describeToolCall, maskSecrets, summarizeResult } from './describeToolCall';

const ctx: ToolContext = {
  workspaceId: 'ws1',
  dh: { id: 'dh1', name: 'Ops' } as DigitalHuman,
  roomId: 'r1',
  threadRootId: null,
  onBehalfOf: 'bob',
  jobId: 'j1',
  triggerMessageId: null,
  replyId: 'reply1',
  untrusted: new Set(),
  usage: { tokens: 0, toolCalls: 0, messages: 0 },
};

const github = new Map(githubTools('ws1', () => ({}) as GithubApi).map((t) => [t.name, t]));
const tool = (name: string): AgentTool => github.get(name)!;

describe('describeToolCall', () => {
  it('says what a GitHub read did, on what, how many came back, and a summary of them', () => {
    const issues = [
      { number: 12, title: 'Broken build', state: 'open' },
      { number: 13, title: 'Flaky\ntest', state: 'open' },
    ];
    const call = describeToolCall(tool('github_list_issues'), 'github_list_issues', ctx, '{"repo":"acme/api"}', { ok: true, result: issues });
    expect(call).toEqual({
      tool: 'github_list_issues',
      words: { key: 'github.openIssues', params: { repo: 'acme/api', count: 2 } },
      target: 'acme/api',
      outcome: 'ok',
      reason: null,
      arguments: '{"repo":"acme/api"}',
      result: '#12 Broken build (open); #13 Flaky test (open)',
    });
    const closed = describeToolCall(tool('github_list_issues'), 'github_list_issues', ctx, '{"repo":"acme/api","state":"closed"}', { ok: true, result: [] });
    expect(closed.words.key).toBe('github.closedIssues');
    expect(closed.result).toBeNull();
  });

  it('gives a workflow run its conclusion and an issue its state as the status', () => {
    const runs = describeToolCall(tool('github_list_workflow_runs'), 'github_list_workflow_runs', ctx, '{"repo":"acme/api","branch":"main"}', {
      ok: true,
      result: [{ id: 42, workflow: 'CI', status: 'completed', conclusion: 'success' }],
    });
    expect(runs.words).toEqual({ key: 'github.runs', params: { repo: 'acme/api', status: 'success', count: 1 } });
    expect(runs.target).toBe('acme/api@main');
    const issue = describeToolCall(tool('github_get_issue'), 'github_get_issue', ctx, '{"repo":"acme/api","number":42}', { ok: true, result: { number: 42, state: 'closed', title: 'x' } });
    expect(issue.words.params).toEqual({ repo: 'acme/api', number: 42, status: 'closed' });
    expect(issue.target).toBe('acme/api#42');
  });

  it('tells a rule’s refusal from a failure, without the "Refused:" prefix', () => {
    const refused = describeToolCall(undefined, 'task_list', ctx, '{}', { ok: false, error: 'Refused: the "tasks" tools are not enabled for Ops' });
    expect(refused).toMatchObject({ outcome: 'refused', reason: 'the "tasks" tools are not enabled for Ops', result: null });
    const failed = describeToolCall(tool('github_get_issue'), 'github_get_issue', ctx, '{"repo":"acme/api","number":9}', { ok: false, error: 'GitHub answered 404:\nNot Found' });
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'GitHub answered 404: Not Found', words: { key: 'github.issue' } });
  });

  it('falls back to "Called <tool>" and the audit resource when a tool has no words, bad arguments, or a describer that throws', () => {
    const plain = defineTool({ name: 'plain', description: '', group: 'connectors', input: z.object({ id: z.string() }), resource: (_c, i) => `things/${i.id}`, run: async () => null });
    expect(describeToolCall(plain, 'plain', ctx, '{"id":"a1"}', { ok: true, result: null })).toMatchObject({ words: { key: 'called', params: { tool: 'plain' } }, target: 'things/a1' });
    expect(describeToolCall(plain, 'plain', ctx, 'not json', { ok: false, error: 'The arguments are not valid JSON' })).toMatchObject({ words: { key: 'called' }, target: null, arguments: '{}' });
    const broken = { ...plain, describe: () => { throw new Error('boom'); } } as AgentTool;
    expect(describeToolCall(broken, 'plain', ctx, '{"id":"a1"}', { ok: true, result: null }).words.key).toBe('called');
  });

  it('describes the built-in tools from their table', () => {
    const search = describeToolCall(undefined, 'memory_search', ctx, '{"query":"deploy"}', { ok: true, result: [{ id: 'm1', text: 'Deploys on Fridays' }] });
    // Without the tool the input is not checked: the generic words stay.
    expect(search.words.key).toBe('called');
    const memoryTool = defineTool({ name: 'memory_search', description: '', group: 'memory', input: z.object({ query: z.string() }), resource: () => 'dh/dh1/memories', run: async () => [] });
    const described = describeToolCall(memoryTool, 'memory_search', ctx, '{"query":"deploy"}', { ok: true, result: [{ id: 'm1', text: 'Deploys on Fridays' }] });
    expect(described).toMatchObject({ words: { key: 'memory.search', params: { query: 'deploy', count: 1 } }, target: null, result: 'Deploys on Fridays' });
  });

  it('names the attached file a digital human read', () => {
    const readTool = defineTool({ name: 'read_attachment', description: '', group: 'knowledge', input: z.object({ messageId: z.string(), index: z.number() }), resource: () => 'room/r1/files', run: async () => ({}) });
    const read = describeToolCall(readTool, 'read_attachment', ctx, '{"messageId":"m1","index":0}', { ok: true, result: { name: 'plan.pdf', text: 'Phase one' } });
    expect(read).toMatchObject({ words: { key: 'knowledge.readAttachment', params: { name: 'plan.pdf' } }, target: 'plan.pdf' });
  });

  it('never shows a secret the model put in the arguments, nor one in a result', () => {
    const raw = JSON.stringify({ repo: 'acme/api', token: 'ghp_secret', nested: { apiKey: 'k', Authorization: 'Bearer x', ok: 1 }, list: [{ password: 'p' }] });
    const call = describeToolCall(undefined, 'x', ctx, raw, { ok: true, result: { ok: true, access_token: 'abc', name: 'n' } });
    expect(call.arguments).not.toMatch(/ghp_secret|Bearer|"k"|"p"/);
    expect(call.arguments).toContain('"repo":"acme/api"');
    expect(call.result).toBe('ok: true · name: n');
    expect(maskSecrets({ client_secret: 's', key: 'k', keyboard: 'q' })).toEqual({ client_secret: '•••', key: '•••', keyboard: 'q' });
  });

  it('keeps the summary short and on one line', () => {
    expect(summarizeResult('a\n\nb')).toBe('a b');
    expect(summarizeResult('x'.repeat(5000))!.length).toBeLessThanOrEqual(300);
    expect(summarizeResult(Array.from({ length: 9 }, (_, i) => ({ name: `n${i}` })))).toBe('n0; n1; n2; n3; n4; …');
    expect(summarizeResult({ content: ['MCP says hi'] })).toBe('MCP says hi');
    expect(summarizeResult(undefined)).toBeNull();
  });
});
