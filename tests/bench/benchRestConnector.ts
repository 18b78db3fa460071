/**
 * REST connector (`npm run bench -- rest-connector`): one read tool call of
 * an EspoCRM connection (`rest_espo_get_account`, HMAC-signed) as a digital
 * human's turn makes it, against the fake EspoCRM over HTTP on 127.0.0.1
 * (tests/fixtures/fakeEspoServer.ts, which checks the HMAC): the gate
 * (permission, quota, schema, confirmation check), the credentials read from
 * the core's secret store, the signature, the request, the bounded result,
 * and the audit entry. `rest_tool_overhead_ms_p95` is that whole call (the
 * issue's `connector_tool_overhead_ms_p95` for this connector, budget 5 ms);
 * `rest_run_ms_p95` is the tool alone, without the gate. The secret store is
 * the in-memory one (a benchmark must not write to the OS keychain).
 */
import type { DigitalHuman } from '../../src-main/common/contract';
import { toolGateOf } from '../../src-main/agents/runtime/toolGateOf';
import type { ToolContext } from '../../src-main/agents/tools/AgentTool';
import { startFakeEspo } from '../fixtures/fakeEspoServer';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { percentile, roundMs } from './percentile';
import { timeMsAsync } from './timeMs';
import { withTempDataDir } from './withTempDataDir';

export const REST_TOOL_OVERHEAD_MS_P95_MAX = 5;

// Within a DH's default daily quota of 500 tool calls.
const WARMUP = 30;
const CALLS = 400;

export interface RestConnectorBench {
  rest_tool_overhead_ms_p95: number;
  rest_tool_overhead_ms_p50: number;
  rest_run_ms_p95: number;
  calls: number;
}

export function benchRestConnector(): Promise<RestConnectorBench> {
  return withTempDataDir('rest-connector', async (dataDir) => {
    const espo = await startFakeEspo({ keys: { benchKey: 'benchSecret' } });
    const core = await createBenchCore(dataDir);
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const result = await core.dispatch(channel as never, input as never);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    };
    try {
      const me = await call<{ userId: string }>('profile.get', {});
      const [ws] = await call<{ id: string }[]>('workspace.list', {});
      const workspaceId = ws!.id;
      await call('rest.add', { workspaceId, name: 'espo', spec: 'espocrm', baseUrl: espo.baseUrl, credentials: { kind: 'hmac', apiKey: 'benchKey', secretKey: 'benchSecret' } });
      const dh = await call<DigitalHuman>('dh.create', { workspaceId, name: 'Sales', handle: 'sales', persona: 'CRM.', tools: ['connectors'] });
      const id = espo.add('Account', { name: 'Acme', description: 'A customer since 2019. '.repeat(20) });
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
      const args = JSON.stringify({ id });
      const once = async (): Promise<void> => {
        const out = await gate.call(ctx, 'rest_espo_get_account', args);
        if (!out.ok) throw new Error(`the tool call failed: ${out.error}`);
      };
      const tool = tools.find((t) => t.name === 'rest_espo_get_account')!;
      const input = tool.input.parse(JSON.parse(args));
      const runOnly = async (): Promise<void> => {
        await tool.run(ctx, input);
      };
      logProgress(`rest-connector: ${CALLS} rest_espo_get_account calls through the gate…`);
      for (let i = 0; i < WARMUP; i++) await once();
      const gated: number[] = [];
      const run: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        gated.push(await timeMsAsync(once));
        run.push(await timeMsAsync(runOnly));
      }
      return {
        rest_tool_overhead_ms_p95: roundMs(percentile(gated, 95)),
        rest_tool_overhead_ms_p50: roundMs(percentile(gated, 50)),
        rest_run_ms_p95: roundMs(percentile(run, 95)),
        calls: CALLS,
      };
    } finally {
      await core.close();
      await espo.close();
    }
  });
}
