/**
 * Connectors (`npm run bench -- connectors`): one read tool call of the
 * GitHub connector (`github_get_issue`) as a digital human's turn makes it,
 * against the fake GitHub API over HTTP on 127.0.0.1 (tests/fixtures/
 * fakeGithubServer.ts): the workspace's gate (permission, quota, schema,
 * confirmation check), the token read from the core's secret store, the HTTP
 * request and its JSON, the result shaping, and the audit entry written to
 * the workspace's audit doc. `connector_tool_overhead_ms_p95` is that whole
 * call; `connector_run_ms_p95` is the tool's own part (token, HTTP, result)
 * without the gate, and `http_only_ms_p95` the same request made with fetch
 * alone. The gate's share is one durable SQLite commit (the audit entry,
 * with the DH's daily tool-call count and the connector's last use in the
 * same transaction: docs/connectors-performance.md), so it follows the
 * disk's fsync time (`machine.fsyncMsP50`). The secret store is the in-memory one (a
 * benchmark must not write to the OS keychain of the machine it runs on).
 */
import type { DigitalHuman } from '../../src-main/common/contract';
import { toolGateOf } from '../../src-main/agents/runtime/toolGateOf';
import type { ToolContext } from '../../src-main/agents/tools/AgentTool';
import { startFakeGithub } from '../fixtures/fakeGithubServer';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { percentile, roundMs } from './percentile';
import { timeMsAsync } from './timeMs';
import { withTempDataDir } from './withTempDataDir';

/** The figure's budget (issue: ≤ 5 ms). */
export const CONNECTOR_TOOL_OVERHEAD_MS_P95_MAX = 5;

// Within a DH's default daily quota of 500 tool calls.
const WARMUP = 30;
const CALLS = 400;
const TOKEN = 'ghp_benchToken0123456789abcdef';

export interface ConnectorBench {
  connector_tool_overhead_ms_p95: number;
  connector_tool_overhead_ms_p50: number;
  connector_run_ms_p95: number;
  http_only_ms_p95: number;
  calls: number;
}

async function call<T>(core: Awaited<ReturnType<typeof createBenchCore>>, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel as never, input as never);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

export function benchConnectors(): Promise<ConnectorBench> {
  return withTempDataDir('connectors', async (dataDir) => {
    const gh = await startFakeGithub({ tokens: { [TOKEN]: 'octo' } });
    const core = await createBenchCore(dataDir);
    try {
      const me = await call<{ userId: string }>(core, 'profile.get', {});
      const [ws] = await call<{ id: string }[]>(core, 'workspace.list', {});
      const workspaceId = ws!.id;
      await call(core, 'connector.add', { workspaceId, connector: 'github', apiUrl: gh.apiUrl, auth: { kind: 'token', token: TOKEN } });
      const dh = await call<DigitalHuman>(core, 'dh.create', { workspaceId, name: 'DevOps', handle: 'devops', persona: 'Deploys.', tools: ['connectors'] });
      const number = gh.addIssue('acme/web', { title: 'Slow login', body: 'Steps to reproduce: open /login. '.repeat(20) });
      // One gate per turn, as the runtime builds it; every call of the turn goes through it.
      const { gate, tools } = toolGateOf(core.agents, core.workspaces.handle(workspaceId));
      const ctx: ToolContext = {
        workspaceId,
        dh,
        roomId: 'bench-room',
        threadRootId: null,
        onBehalfOf: me.userId,
        jobId: 'bench-job',
        triggerMessageId: null,
        replyId: null,
        untrusted: new Set(),
        usage: { tokens: 0, toolCalls: 0, messages: 0 },
      };
      const args = JSON.stringify({ repo: 'acme/web', number });
      const once = async (): Promise<void> => {
        const out = await gate.call(ctx, 'github_get_issue', args);
        if (!out.ok) throw new Error(`the tool call failed: ${out.error}`);
      };
      const tool = tools.find((t) => t.name === 'github_get_issue')!;
      const input = tool.input.parse(JSON.parse(args));
      const runOnly = async (): Promise<void> => {
        await tool.run(ctx, input);
      };
      const url = `${gh.apiUrl}/repos/acme/web/issues/${number}`;
      const raw = async (): Promise<void> => {
        const res = await fetch(url, { headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${TOKEN}` } });
        await res.json();
      };
      logProgress(`connectors: ${CALLS} github_get_issue calls through the gate, and as many bare requests…`);
      for (let i = 0; i < WARMUP; i++) {
        await once();
        await raw();
      }
      const gated: number[] = [];
      const run: number[] = [];
      const http: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        gated.push(await timeMsAsync(once));
        run.push(await timeMsAsync(runOnly));
        http.push(await timeMsAsync(raw));
      }
      return {
        connector_tool_overhead_ms_p95: roundMs(percentile(gated, 95)),
        connector_tool_overhead_ms_p50: roundMs(percentile(gated, 50)),
        connector_run_ms_p95: roundMs(percentile(run, 95)),
        http_only_ms_p95: roundMs(percentile(http, 95)),
        calls: CALLS,
      };
    } finally {
      await core.close();
      await gh.close();
    }
  });
}
