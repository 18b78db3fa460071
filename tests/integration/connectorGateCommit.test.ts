// One durable commit per connector tool call that runs: its audit entry, its
// place in the digital human's tool calls of the day and its connector's last
// use land together or not at all (a real SQLite failure injected at the
// audit's write), survive a restart, and calls running together cannot pass
// the daily limit together. `lastUsedAt` in connector.list, mcp.list and rest.list says
// when a connector's tool last passed the gate on this device.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, DigitalHuman, McpServerView } from '../../src-main/common/contract';
import { localDay, toolGateOf } from '../../src-main/agents/runtime/toolGateOf';
import type { ToolContext } from '../../src-main/agents/tools/AgentTool';
import { startFakeEspo } from '../fixtures/fakeEspoServer';
import { startFakeMcpHttp } from '../fixtures/fakeMcpServer';
import { GITHUB_TOKEN, githubSetup, secondWorkspace } from '../fixtures/githubSetup';
import { makeCore } from '../fixtures/makeCore';
import { restSetup } from '../fixtures/restSetup';
import { meAndWorkspace } from '../fixtures/roomPeers';

interface ConnectorView {
  connector: string;
  lastUsedAt: string | null;
}

type Setup = Awaited<ReturnType<typeof githubSetup>>;

function db(s: Setup, workspaceId = s.workspaceId) {
  return s.t.core.workspaces.handle(workspaceId).storage.db;
}

function toolCallsToday(s: Setup, dhId = s.dh.id): number {
  const row = db(s).prepare("SELECT count FROM agent_quota WHERE day = ? AND dh_id = ? AND action = 'tool'").get(localDay(Date.now()), dhId) as { count: number } | undefined;
  return row?.count ?? 0;
}

async function githubLastUsed(s: Setup, workspaceId = s.workspaceId): Promise<string | null> {
  const views = await s.t.call<ConnectorView[]>('connector.list', { workspaceId });
  return views.find((v) => v.connector === 'github')!.lastUsedAt;
}

async function issueEntries(s: Setup): Promise<AuditEntry[]> {
  const entries = await s.t.call<AuditEntry[]>('audit.list', { workspaceId: s.workspaceId });
  return entries.filter((e) => e.action === 'tool.github_get_issue');
}

describe('a connector tool call through the gate', () => {
  it('says in connector.list when a digital human last used the connection, per workspace, only for calls that passed the gate', async () => {
    const s = await githubSetup();
    const other = await secondWorkspace(s);
    const number = s.gh.addIssue('acme/web', { title: 'Slow login' });
    expect(await githubLastUsed(s)).toBeNull();

    const refused = await s.callTool('github_get_issue', { repo: 'not a repo', number });
    expect(refused.ok).toBe(false);
    expect(await githubLastUsed(s)).toBeNull();

    const before = Date.now();
    const read = await s.callTool('github_get_issue', { repo: 'acme/web', number });
    expect(read.ok, read.error).toBe(true);
    const first = await githubLastUsed(s);
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(first!)).toBeLessThanOrEqual(Date.now());

    // A call that ran and failed (GitHub has no such issue) passed the gate too.
    await new Promise((r) => setTimeout(r, 5));
    const missing = await s.callTool('github_get_issue', { repo: 'acme/web', number: 99999 });
    expect(missing.ok).toBe(false);
    expect(Date.parse((await githubLastUsed(s))!)).toBeGreaterThan(Date.parse(first!));
    expect(toolCallsToday(s)).toBe(2);

    // Another workspace's connection has its own.
    await s.t.call('connector.add', { workspaceId: other.workspaceId, connector: 'github', apiUrl: s.gh.apiUrl, auth: { kind: 'token', token: GITHUB_TOKEN } });
    expect(await githubLastUsed(s, other.workspaceId)).toBeNull();
  });

  it('writes the audit entry, the day’s count and the last use in one commit: a failed write leaves none of them, and what was written survives a restart', async () => {
    const s = await githubSetup();
    const number = s.gh.addIssue('acme/web', { title: 'Slow login' });
    // A real SQLite failure at the moment the audit doc's update is stored, after the count and the last use were written in the same transaction.
    db(s).exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON updates WHEN NEW.doc_id = 'audit' BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END");
    await expect(s.callTool('github_get_issue', { repo: 'acme/web', number })).rejects.toThrow(/the disk refused the write/);
    expect(toolCallsToday(s)).toBe(0);
    expect(db(s).prepare('SELECT COUNT(*) AS n FROM connector_last_used').get()).toEqual({ n: 0 });
    db(s).exec('DROP TRIGGER refuse_audit');
    expect(await issueEntries(s)).toEqual([]);
    expect(await githubLastUsed(s)).toBeNull();

    const read = await s.callTool('github_get_issue', { repo: 'acme/web', number });
    expect(read.ok, read.error).toBe(true);
    expect(toolCallsToday(s)).toBe(1);
    const lastUsed = await githubLastUsed(s);
    expect(lastUsed).not.toBeNull();
    expect((await issueEntries(s)).map((e) => e.outcome)).toEqual(['allowed']);

    await s.t.core.close();
    const again = await makeCore({ dataDir: s.t.dataDir, secrets: s.t.secrets });
    const reopened = { ...s, t: again };
    expect(toolCallsToday(reopened)).toBe(1);
    expect(await githubLastUsed(reopened)).toBe(lastUsed);
    expect((await issueEntries(reopened)).map((e) => e.outcome)).toEqual(['allowed']);
    expect((await again.call<{ intact: boolean }>('audit.verify', { workspaceId: s.workspaceId })).intact).toBe(true);
  });

  it('does not let calls running at the same time pass the daily tool-call limit together; a refused call is not counted', async () => {
    const s = await githubSetup({ agents: { dailyToolCalls: 2 } });
    const number = s.gh.addIssue('acme/web', { title: 'Slow login' });
    const outcomes = await Promise.all([1, 2, 3].map(() => s.callTool('github_get_issue', { repo: 'acme/web', number })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(outcomes.filter((o) => !o.ok).map((o) => o.error)).toEqual([expect.stringContaining("has used today's 2 tool calls")]);
    expect(toolCallsToday(s)).toBe(2);
    const late = await s.callTool('github_get_issue', { repo: 'acme/web', number });
    expect(late.error).toContain("has used today's 2 tool calls");
    expect(toolCallsToday(s)).toBe(2);
    expect((await issueEntries(s)).map((e) => e.outcome).sort()).toEqual(['allowed', 'allowed', 'denied', 'denied']);
  });

  it('says in mcp.list when a server’s tools last passed the gate (a person’s own mcp.call does not count)', async () => {
    const server = await startFakeMcpHttp('s3cret-token');
    const t = await makeCore();
    try {
      const { me, workspaceId } = await meAndWorkspace(t);
      const header = [{ name: 'Authorization', value: 'Bearer s3cret-token' }];
      await t.call('mcp.add', { workspaceId, name: 'remote', transport: 'http', url: server.url, headers: header });
      await t.call('mcp.add', { workspaceId, name: 'quiet', transport: 'http', url: server.url, headers: header });
      const lastUsed = async (): Promise<Record<string, string | null>> =>
        Object.fromEntries((await t.call<McpServerView[]>('mcp.list', { workspaceId })).map((v) => [v.name, v.lastUsedAt]));
      expect(await lastUsed()).toEqual({ remote: null, quiet: null });
      await t.call('mcp.tools', { workspaceId, name: 'remote' });
      await t.call('mcp.call', { workspaceId, name: 'remote', tool: 'echo', arguments: { text: 'by hand' } });
      expect(await lastUsed()).toEqual({ remote: null, quiet: null });

      const dh = await t.call<DigitalHuman>('dh.create', { workspaceId, name: 'Notes', handle: 'notes', persona: 'Keeps notes.', tools: ['connectors'] });
      const { gate } = toolGateOf(t.core.agents, t.core.workspaces.handle(workspaceId));
      const ctx: ToolContext = {
        workspaceId,
        dh,
        roomId: 'room-test',
        threadRootId: null,
        onBehalfOf: me.userId,
        jobId: 'job-test',
        triggerMessageId: null,
        replyId: null,
        untrusted: new Set(),
        usage: { tokens: 0, toolCalls: 0, messages: 0 },
      };
      const out = await gate.call(ctx, 'mcp_remote_echo', JSON.stringify({ text: 'by a digital human' }));
      expect(out.ok, out.error).toBe(true);
      const after = await lastUsed();
      expect(after.remote).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(after.quiet).toBeNull();
      expect((await t.call<McpServerView>('mcp.status', { workspaceId, name: 'remote' })).lastUsedAt).toBe(after.remote);
    } finally {
      // The core first: its MCP client holds a connection the server would wait for.
      await t.core.close();
      await server.close();
    }
  });

  it('says in rest.list when a REST connection’s tools last passed the gate, per connection', async () => {
    const espo = await startFakeEspo({ keys: { key1: 'secret1' } });
    const r = await restSetup();
    const add = (name: string) => r.t.call('rest.add', { workspaceId: r.workspaceId, name, spec: 'espocrm', baseUrl: espo.baseUrl, credentials: { kind: 'hmac', apiKey: 'key1', secretKey: 'secret1' } });
    await add('espo');
    await add('backup');
    const lastUsed = async (): Promise<Record<string, string | null>> =>
      Object.fromEntries((await r.t.call<{ name: string; lastUsedAt: string | null }[]>('rest.list', { workspaceId: r.workspaceId })).map((v) => [v.name, v.lastUsedAt]));
    expect(await lastUsed()).toEqual({ espo: null, backup: null });
    const id = espo.add('Account', { name: 'Acme' });
    const out = await r.callTool('rest_espo_get_account', { id });
    expect(out.ok, out.error).toBe(true);
    const after = await lastUsed();
    expect(after.espo).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(after.backup).toBeNull();
  });
});
