import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { percentile } from './percentile';
import { timeMs } from './timeMs';
import { withTempDataDir } from './withTempDataDir';
import { writeRoomMessage } from './writeRoomMessage';
import { yieldToLoop } from './yieldToLoop';
import { PerformanceObserver } from 'node:perf_hooks';

const compactEvery = Number(process.argv[2] ?? 500);
const gcs: { start: number; dur: number }[] = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) gcs.push({ start: e.startTime, dur: e.duration }); }).observe({ entryTypes: ['gc'] });
await withTempDataDir('scratch-w', async (dataDir) => {
  const h = openWorkspaceHandle(dataDir, 'benchworkspace01', { create: true, compactEvery });
  const t: { n: number; ms: number; at: number }[] = [];
  for (let n = 0; n < 5000; n++) {
    const at = performance.now();
    t.push({ n, ms: timeMs(() => writeRoomMessage(h.docs, 'general', n)), at });
    await yieldToLoop();
  }
  const ms = t.map((x) => x.ms);
  console.log('compactEvery', compactEvery, 'p50', percentile(ms, 50).toFixed(3), 'p99', percentile(ms, 99).toFixed(3), 'max', percentile(ms, 100).toFixed(3));
  const top = [...t].sort((a, b) => b.ms - a.ms).slice(0, 50);
  let withGc = 0;
  for (const x of top) if (gcs.some((g) => g.start >= x.at && g.start <= x.at + x.ms)) withGc++;
  console.log('top50 with a GC inside:', withGc, 'gc total ms', gcs.reduce((a, g) => a + g.dur, 0).toFixed(0), 'count', gcs.length);
  console.log(top.slice(0, 25).map((x) => `${x.n}(${x.n % 500}):${x.ms.toFixed(1)}`).join(' '));
  h.close();
});
