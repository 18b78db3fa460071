/**
 * `npm run bench -- export`: `export_mb_per_s`, a workspace of 100,000
 * messages and 1 GB of files (buildExportWorkspace.ts, cached between runs:
 * cachedFixture.ts) exported through the command the CLI calls, in a child
 * process (exportChild.ts) whose peak RSS is the memory figure. MB/s is the
 * archive's input (every doc's Yjs state and every file, as the manifest
 * lists them) over the export's time. Budget: at least 100 MB/s with a peak
 * RSS of at most 300 MB.
 *
 * The child runs bundled into one JavaScript file (esbuild, the packages
 * left as they are), as the app ships its code: under tsx, as the CLI runs
 * from its sources, compiling TypeScript on the fly adds some 75 MB to the
 * process before the export starts, which is not the export's memory.
 * QWANYX_BENCH_EXPORT_TSX=1 runs it under tsx all the same.
 * QWANYX_BENCH_CPU_PROF=<dir> runs the child under `--cpu-prof` into that dir.
 */
import { execFile } from 'node:child_process';
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { IMPORT_LIMITS } from '../../src-main/domain/export/WorkspaceArchiveService';
import { ZipArchiveReader } from '../../src-main/storage/export/ZipArchiveReader';
import { MANIFEST_ENTRY, type ArchiveManifest } from '../../src-main/storage/export/workspaceArchiveFormat';
import { ROOMS_FIXTURE_SOURCES } from './runRoomsBench';
import { buildExportWorkspace, type ExportFixture, type ExportFixtureOptions } from './buildExportWorkspace';
import { benchCacheDir, cachedFixture, fixtureKey } from './cachedFixture';
import { logProgress } from './logProgress';
import { withTempDataDir } from './withTempDataDir';

/** The budget: at least this many MB/s… */
export const EXPORT_MB_PER_S_MIN = 100;
/** …with the exporting process never above this many MB resident. */
export const EXPORT_PEAK_RSS_MB_MAX = 300;

const OPTIONS: ExportFixtureOptions = { messages: 100_000, rooms: 10, files: 100, fileBytes: 10 * 1024 * 1024 };
const SOURCES = [...ROOMS_FIXTURE_SOURCES, 'tests/bench/buildExportWorkspace.ts', 'src-main/storage/files/BlobStore.ts', 'src-main/storage/files/fileRefFormat.ts'];
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'exportChild.ts');
const MB = 1024 * 1024;

export interface ExportBench {
  export_mb_per_s: number;
  export_peak_rss_mb: number;
  exportMs: number;
  inputMb: number;
  docsMb: number;
  filesMb: number;
  archiveMb: number;
  messages: number;
  rooms: number;
  files: number;
  peakRssBeforeExportMb: number;
  /** How the child ran: bundled (as the app ships) or under tsx (as the CLI runs from sources). */
  child: 'bundled' | 'tsx';
  /** Peaks of process.memoryUsage() in MB: at start, once the core is up, while docs and while files are written. */
  memory: Record<string, Record<string, number>>;
  fixture: { cached: boolean; buildMs: number };
}

interface ChildReport {
  ms: number;
  result: { path: string; bytes: number; rooms: number; messages: number; files: number; filesMissing: number };
  peakRssMb: number;
  peakRssBeforeExportMb: number;
  memory: Record<string, Record<string, number>>;
}

/** exportChild.ts as one ES module file (its packages imported from node_modules), built afresh. */
async function bundledChild(): Promise<string> {
  const outfile = path.join(benchCacheDir(), 'exportChild.mjs');
  await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}

export async function benchExport(): Promise<ExportBench> {
  return withTempDataDir('export', async (dataDir) => {
    const stored = await cachedFixture<ExportFixture>('export', fixtureKey(SOURCES, OPTIONS), dataDir, (dir) => buildExportWorkspace(dir, OPTIONS));
    const fixture = stored.value;
    logProgress(`export: ${fixture.written} messages, ${fixture.files} files (${stored.cached ? 'cached' : `built in ${Math.round(fixture.buildMs)} ms`}); exporting…`);
    const out = path.join(dataDir, 'bench.qwanyx.zip');
    const profile = process.env.QWANYX_BENCH_CPU_PROF;
    const underTsx = process.env.QWANYX_BENCH_EXPORT_TSX === '1';
    const child = underTsx ? CHILD : await bundledChild();
    const execArgv = [...(underTsx ? ['--import', 'tsx'] : []), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
    const { stdout } = await promisify(execFile)(process.execPath, [...execArgv, child, dataDir, fixture.workspaceId, out], { maxBuffer: 16 * MB });
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport;
    if (report.result.filesMissing > 0 || report.result.files !== fixture.files) throw new Error(`export bench: ${report.result.files} files exported, ${fixture.files} expected`);
    const manifest = await readManifest(out);
    const docsBytes = manifest.docs.reduce((sum, d) => sum + d.bytes, 0);
    const filesBytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    const seconds = report.ms / 1000;
    const round1 = (n: number): number => Math.round(n * 10) / 10;
    return {
      export_mb_per_s: Math.round((docsBytes + filesBytes) / MB / seconds),
      export_peak_rss_mb: Math.round(report.peakRssMb),
      exportMs: Math.round(report.ms),
      inputMb: round1((docsBytes + filesBytes) / MB),
      docsMb: round1(docsBytes / MB),
      filesMb: round1(filesBytes / MB),
      archiveMb: round1(report.result.bytes / MB),
      messages: report.result.messages,
      rooms: report.result.rooms,
      files: report.result.files,
      peakRssBeforeExportMb: Math.round(report.peakRssBeforeExportMb),
      child: underTsx ? 'tsx' : 'bundled',
      memory: report.memory,
      fixture: { cached: stored.cached, buildMs: Math.round(fixture.buildMs) },
    };
  });
}

async function readManifest(file: string): Promise<ArchiveManifest> {
  const reader = await ZipArchiveReader.open(file, IMPORT_LIMITS, () => true);
  try {
    return JSON.parse((await reader.read(MANIFEST_ENTRY)).toString('utf8')) as ArchiveManifest;
  } finally {
    reader.close();
  }
}
