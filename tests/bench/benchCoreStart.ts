/** core_start_ms: createCore on a data dir that already holds many workspaces. */
import { createBenchCore } from './createBenchCore';
import { median } from './percentile';
import { timeMsAsync } from './timeMs';

export interface CoreStartResult {
  medianMs: number;
  samplesMs: number[];
  /** createCore followed by opening the active workspace: what a user waits for before the first room shows. */
  startAndOpenActiveMedianMs: number;
}

/** Registers `workspaceCount` workspaces, then times `runs` fresh createCore calls (closing each). */
export async function benchCoreStart(dataDir: string, workspaceCount: number, runs: number): Promise<CoreStartResult> {
  const setup = await createBenchCore(dataDir);
  try {
    // createCore makes the first-launch "Personal" workspace itself.
    for (let i = setup.workspaces.list(true).length; i < workspaceCount; i++) {
      setup.workspaces.create({ name: `Client ${i}`, kind: i % 5 === 0 ? 'solo' : 'team' });
    }
    const count = setup.workspaces.list(true).length;
    if (count !== workspaceCount) throw new Error(`expected ${workspaceCount} workspaces, found ${count}`);
  } finally {
    await setup.close();
  }
  const samplesMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    let close = async (): Promise<void> => {};
    samplesMs.push(
      await timeMsAsync(async () => {
        const core = await createBenchCore(dataDir);
        close = core.close;
      }),
    );
    await close();
  }
  const withOpen: number[] = [];
  for (let run = 0; run < runs; run++) {
    let close = async (): Promise<void> => {};
    withOpen.push(
      await timeMsAsync(async () => {
        const core = await createBenchCore(dataDir);
        close = core.close;
        const active = core.workspaces.activeId();
        if (active === null) throw new Error('no active workspace');
        core.workspaces.openWorkspace(active);
      }),
    );
    await close();
  }
  return { medianMs: median(samplesMs), samplesMs, startAndOpenActiveMedianMs: median(withOpen) };
}
