/**
 * workspace_open_ms_p50: cold open of a workspace whose `meta` doc is one big
 * compacted snapshot. Opening means: the database is open and checked, and
 * every projection is fresh, so the UI can render from SQL. Docs decode
 * lazily, on first use; that cost is reported beside it (`metaDecodeP50Ms`).
 */
import { openWorkspaceHandle, type WorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { createBenchCore } from './createBenchCore';
import { percentile } from './percentile';
import { timeMs, timeMsAsync } from './timeMs';
import { workspaceSchema } from '../../src-main/core/modules/workspaceSchema';

export interface WorkspaceOpenResult {
  p50Ms: number;
  p95Ms: number;
  /** The first open after compaction, which also rebuilds the stale projection (and so decodes the doc). */
  firstOpenMs: number;
  /** The same open through WorkspaceService.openWorkspace (also records it as active in app.db). */
  serviceP50Ms: number;
  /** Decoding the `meta` doc after open, on its first use. */
  metaDecodeP50Ms: number;
}

/** Opens and closes the workspace `runs` times via openWorkspaceHandle, then via the WorkspaceService. */
export async function benchWorkspaceOpen(dataDir: string, workspaceId: string, runs: number): Promise<WorkspaceOpenResult> {
  const firstOpenMs = timedOpen(dataDir, workspaceId).openMs;
  const samples: number[] = [];
  const decodeSamples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { openMs, decodeMs } = timedOpen(dataDir, workspaceId);
    samples.push(openMs);
    decodeSamples.push(decodeMs);
  }
  const serviceSamples: number[] = [];
  const core = await createBenchCore(dataDir);
  try {
    for (let run = 0; run < runs; run++) {
      serviceSamples.push(await timeMsAsync(async () => core.workspaces.openWorkspace(workspaceId)));
      core.workspaces.close();
    }
  } finally {
    await core.close();
  }
  return {
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    firstOpenMs,
    serviceP50Ms: percentile(serviceSamples, 50),
    metaDecodeP50Ms: percentile(decodeSamples, 50),
  };
}

/** Times one open, checks the projections are fresh, then times the first use of `meta`, and closes. */
function timedOpen(dataDir: string, workspaceId: string): { openMs: number; decodeMs: number } {
  let handle: WorkspaceHandle | undefined;
  const openMs = timeMs(() => {
    handle = openWorkspaceHandle(dataDir, workspaceId, { schema: workspaceSchema, create: false });
  });
  try {
    if (handle!.projections.ensureFresh().length > 0) throw new Error('projections were stale after open');
    const decodeMs = timeMs(() => {
      if (handle!.docs.doc('meta').getMap('settings').size === 0) throw new Error('meta doc is empty');
    });
    return { openMs, decodeMs };
  } finally {
    handle!.close();
  }
}
