/**
 * The exporting process of `npm run bench -- export` (benchExport.ts runs it
 * as a child, so building the fixture does not count in its memory): starts
 * a core over the data dir, exports the workspace through the same command
 * the CLI calls (`workspace.export`), and prints on stdout, as JSON, the
 * time the export took, its result, the process's peak RSS and where the
 * memory went: `process.memoryUsage()` sampled every 20 ms, its peaks while
 * the docs are written and while the files are.
 *
 * benchExport.ts runs it bundled (as the app ships its code), or under tsx
 * as the CLI runs (QWANYX_BENCH_EXPORT_TSX=1): compiling TypeScript on the
 * fly costs the process some 75 MB of its own before the export starts.
 *
 * Usage: node exportChild.mjs <dataDir> <workspaceId> <out.qwanyx.zip>
 */
import fs from 'node:fs';
import { createBenchCore } from './createBenchCore';

/** Peak resident memory of this process in MB (VmHWM; maxRSS where /proc is not there). */
function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

interface MemoryPeaks {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

function noPeaks(): MemoryPeaks {
  return { rssMb: 0, heapUsedMb: 0, heapTotalMb: 0, externalMb: 0, arrayBuffersMb: 0 };
}

function sampleInto(peaks: MemoryPeaks): void {
  const m = process.memoryUsage();
  const mb = (n: number): number => Math.round(n / 1_048_576);
  peaks.rssMb = Math.max(peaks.rssMb, mb(m.rss));
  peaks.heapUsedMb = Math.max(peaks.heapUsedMb, mb(m.heapUsed));
  peaks.heapTotalMb = Math.max(peaks.heapTotalMb, mb(m.heapTotal));
  peaks.externalMb = Math.max(peaks.externalMb, mb(m.external));
  peaks.arrayBuffersMb = Math.max(peaks.arrayBuffersMb, mb(m.arrayBuffers));
}

async function main(): Promise<void> {
  const [dataDir, workspaceId, out] = process.argv.slice(2);
  if (!dataDir || !workspaceId || !out) throw new Error('usage: exportChild.ts <dataDir> <workspaceId> <out.qwanyx.zip>');
  const started0 = noPeaks();
  sampleInto(started0);
  const core = await createBenchCore(dataDir);
  try {
    const rssBeforeMb = peakRssMb();
    const coreStarted = noPeaks();
    sampleInto(coreStarted);
    // Docs first, then the files (WorkspaceArchiveService): progress reports the docs.
    const phases = { docs: noPeaks(), files: noPeaks() };
    let phase = phases.docs;
    core.onEvent((event, payload) => {
      const done = payload as { docs?: number; totalDocs?: number };
      if (event === 'workspace.exportProgress' && done.docs === done.totalDocs) phase = phases.files;
    });
    const sampler = setInterval(() => sampleInto(phase), 20);
    const started = performance.now();
    const result = await core.dispatch('workspace.export', { id: workspaceId, out });
    const ms = performance.now() - started;
    clearInterval(sampler);
    if (!result.ok) throw new Error(result.error.message);
    const memory = { processStarted: started0, coreStarted, docs: phases.docs, files: phases.files };
    process.stdout.write(`${JSON.stringify({ ms, result: result.value, peakRssMb: peakRssMb(), peakRssBeforeExportMb: rssBeforeMb, memory })}\n`);
  } finally {
    await core.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
