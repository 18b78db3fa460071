/**
 * MCP (`npm run bench -- mcp`): one tool call of the npm memory server over
 * stdio, as the app makes it.
 *
 * - mcp_stdio_call_ms_p95: `mcp.call` through the core's dispatch, end to
 *   end: input parsing, the permission check, the JSON-RPC request over the
 *   server's stdin, its answer on stdout, the audit entry (a durable write),
 *   the result back. The server holds a graph of 20 entities and the call is
 *   `search_nodes` (read-only); 30 warm-up calls and 3 s idle, then 300 timed.
 * - details.sdk_only_ms_p95: the same call made with the SDK's client alone
 *   on a second server process, for the share of the server and the pipe;
 * - details.audit_write_ms_p95: one audit entry written alone (signed,
 *   durable before it returns), the share of the disk.
 */
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Profile } from '../../src-main/common/contract';
import { MEMORY_MCP_SERVER_BIN } from '../fixtures/fakeMcpServer';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { percentile, roundMs } from './percentile';
import { withTempDataDir } from './withTempDataDir';

/** The figure's budget, in ms. */
export const MCP_STDIO_CALL_MS_P95_MAX = 15;
const WARMUP = 30;
const RUNS = 300;
const ENTITIES = 20;
const SETTLE_MS = 3000;

export interface McpBench {
  mcp_stdio_call_ms_p95: number;
  details: {
    runs: number;
    p50_ms: number;
    p99_ms: number;
    sdk_only_ms_p50: number;
    sdk_only_ms_p95: number;
    audit_write_ms_p50: number;
    audit_write_ms_p95: number;
    first_call_with_start_ms: number;
  };
}

const QUERY = { query: 'client 7' };

export function benchMcp(): Promise<McpBench> {
  return withTempDataDir('mcp', async (dataDir) => {
    const core = await createBenchCore(dataDir);
    try {
      const call = async <T>(channel: string, input: unknown): Promise<T> => {
        const result = await core.dispatch(channel as never, input as never);
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
        return result.value as T;
      };
      await call<Profile>('profile.get', {});
      const [workspace] = await call<{ id: string }[]>('workspace.list', {});
      const workspaceId = workspace!.id;
      const memoryFile = path.join(dataDir, 'memory.jsonl');
      await call('mcp.add', { workspaceId, name: 'memory', transport: 'stdio', command: MEMORY_MCP_SERVER_BIN, env: [{ name: 'MEMORY_FILE_PATH', value: memoryFile }] });
      const entities = Array.from({ length: ENTITIES }, (_, i) => ({ name: `Acme ${i}`, entityType: 'client', observations: [`client ${i}`, 'pays monthly'] }));
      const started = performance.now();
      await call('mcp.call', { workspaceId, name: 'memory', tool: 'create_entities', arguments: { entities } });
      const firstCall = performance.now() - started;
      const input = { workspaceId, name: 'memory', tool: 'search_nodes', arguments: QUERY };
      for (let i = 0; i < WARMUP; i++) await call('mcp.call', input);
      // The core's start-up work (projections, keys) is done by then: the figure is a call in steady state.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      logProgress(`mcp: ${RUNS} calls of search_nodes through mcp.call…`);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await call('mcp.call', input);
        samples.push(performance.now() - t0);
      }
      logProgress('mcp: the same calls with the SDK client alone…');
      const sdk = await sdkOnly(memoryFile);
      logProgress('mcp: audit entries alone…');
      const audit: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        core.audit.record(workspaceId, { actorKind: 'member', actorId: 'bench', onBehalfOf: null, action: 'mcp.call', resource: 'mcp/memory', outcome: 'allowed', detail: `search_nodes ${JSON.stringify(QUERY)}` });
        audit.push(performance.now() - t0);
      }
      return {
        mcp_stdio_call_ms_p95: roundMs(percentile(samples, 95)),
        details: {
          runs: RUNS,
          p50_ms: roundMs(percentile(samples, 50)),
          p99_ms: roundMs(percentile(samples, 99)),
          sdk_only_ms_p50: roundMs(percentile(sdk, 50)),
          sdk_only_ms_p95: roundMs(percentile(sdk, 95)),
          audit_write_ms_p50: roundMs(percentile(audit, 50)),
          audit_write_ms_p95: roundMs(percentile(audit, 95)),
          first_call_with_start_ms: roundMs(firstCall),
        },
      };
    } finally {
      await core.close();
    }
  });
}

async function sdkOnly(memoryFile: string): Promise<number[]> {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StdioClientTransport({ command: MEMORY_MCP_SERVER_BIN, env: { MEMORY_FILE_PATH: memoryFile }, stderr: 'ignore' }));
  try {
    for (let i = 0; i < WARMUP; i++) await client.callTool({ name: 'search_nodes', arguments: QUERY });
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await client.callTool({ name: 'search_nodes', arguments: QUERY });
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    await client.close();
  }
}
