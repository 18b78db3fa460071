import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openWorkspaceHandle } from '../../src-main/domain/WorkspaceHandle';
import { percentile } from './percentile';
import { withTempDataDir } from './withTempDataDir';
import { writeRoomMessage } from './writeRoomMessage';
import { yieldToLoop } from './yieldToLoop';
const batch = Number(process.argv[2] ?? 10);
const compactEvery = Number(process.argv[3] ?? 500);
await withTempDataDir('scratch-l', async (dataDir) => {
  const h = openWorkspaceHandle(dataDir, 'benchworkspace02', { create: true, compactEvery });
  const comp: { n: number; ms: number; bytes: number }[] = [];
  const orig = h.docs.compact.bind(h.docs);
  let n = 0;
  h.docs.compact = (name: string) => { const s = performance.now(); const r = orig(name); comp.push({ n, ms: performance.now() - s, bytes: 0 }); return r; };
  const hist = monitorEventLoopDelay({ resolution: 1 });
  const batches: number[] = [];
  hist.enable();
  for (; n < 10000; ) { const s = performance.now(); for (let i = 0; i < batch; i++, n++) writeRoomMessage(h.docs, 'general', n); batches.push(performance.now() - s); await yieldToLoop(); }
  await new Promise((r) => setTimeout(r, 20));
  hist.disable();
  console.log(`batch ${batch} compactEvery ${compactEvery}: lag p50 ${(hist.percentile(50) / 1e6).toFixed(1)} p99 ${(hist.percentile(99) / 1e6).toFixed(1)} max ${(hist.max / 1e6).toFixed(1)} samples ${hist.count}`);
  console.log(`  batch ms p50 ${percentile(batches, 50).toFixed(1)} p99 ${percentile(batches, 99).toFixed(1)} max ${percentile(batches, 100).toFixed(1)}`);
  if (comp.length) console.log('  compactions', comp.length, 'ms:', comp.map((c) => `${c.n}:${c.ms.toFixed(1)}`).join(' '));
  h.close();
});
