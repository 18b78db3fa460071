/** workspace_open_ms_p50: cold open of a workspace whose `meta` doc is one big compacted snapshot. */
import { openWorkspaceHandle, type WorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { createBenchCore } from './createBenchCore';
import { percentile } from './percentile';
import { timeMs, timeMsAsync } from './timeMs';

export interface WorkspaceOpenResult {
  p50Ms: number;
  p95Ms: number;
  /** The first open after compaction, which also rebuilds the stale projection. */
  firstOpenMs: number;
  /** The same open through WorkspaceService.openWorkspace (also records it as active in app.db). */
  serviceP50Ms: number;
}

/** Opens and closes the workspace `runs` times via openWorkspaceHandle, then via the WorkspaceService. */
export async function benchWorkspaceOpen(dataDir: string, workspaceId: string, runs: number): Promise<WorkspaceOpenResult> {
  const firstOpenMs = timedOpen(dataDir, workspaceId);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(timedOpen(dataDir, workspaceId));
  const serviceSamples: number[] = [];
  const core = await createBenchCore(dataDir);
  try {
    for (let run = 0; run < runs; run++) {
      serviceSamples.push(await timeMsAsync(async () => core.workspaces.openWorkspace(workspaceId)));
      if (!core.workspaces.handle(workspaceId).docs.loadedDocs().includes('meta')) throw new Error('meta doc not loaded');
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
  };
}

/** Times one open (which loads `meta` and refreshes projections), checks it really did, and closes. */
function timedOpen(dataDir: string, workspaceId: string): number {
  let handle: WorkspaceHandle | undefined;
  const ms = timeMs(() => {
    handle = openWorkspaceHandle(dataDir, workspaceId, { create: false });
  });
  try {
    if (!handle!.docs.loadedDocs().includes('meta')) throw new Error('openWorkspaceHandle did not load the meta doc');
    if (handle!.projections.ensureFresh().length > 0) throw new Error('projections were stale after open');
  } finally {
    handle!.close();
  }
  return ms;
}
