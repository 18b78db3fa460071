/**
 * The exporting process of `npm run bench -- export` (benchExport.ts runs it
 * as a child, so building the fixture does not count in its memory): starts
 * a core over the data dir, exports the workspace through the same command
 * the CLI calls (`workspace.export`), and prints on stdout, as JSON, the
 * time the export took, its result and the process's peak RSS.
 *
 * Usage: node --import tsx tests/bench/exportChild.ts <dataDir> <workspaceId> <out.qwanyx.zip>
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

async function main(): Promise<void> {
  const [dataDir, workspaceId, out] = process.argv.slice(2);
  if (!dataDir || !workspaceId || !out) throw new Error('usage: exportChild.ts <dataDir> <workspaceId> <out.qwanyx.zip>');
  const core = await createBenchCore(dataDir);
  try {
    const rssBeforeMb = peakRssMb();
    const started = performance.now();
    const result = await core.dispatch('workspace.export', { id: workspaceId, out });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(result.error.message);
    process.stdout.write(`${JSON.stringify({ ms, result: result.value, peakRssMb: peakRssMb(), peakRssBeforeExportMb: rssBeforeMb })}\n`);
  } finally {
    await core.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
