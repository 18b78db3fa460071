/** event_loop_lag_ms_p99: how late the event loop runs while a sustained local write load (with compaction) goes on. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBenchCore } from './createBenchCore';
import { percentile } from './percentile';
import { writeRoomMessage } from './writeRoomMessage';
import { yieldToLoop } from './yieldToLoop';

export interface EventLoopLagResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  writes: number;
  batchSize: number;
  durationMs: number;
  /** How long each synchronous batch of writes held the loop. */
  batchMsP99: number;
  compactions: number;
  /** Longest automatic compaction, and the last one (the room is largest then). */
  compactionMsMax: number;
  compactionMsLast: number;
  /** Updates left uncompacted in the room's log at the end. */
  pendingAtEnd: number;
}

/**
 * Writes `totalWrites` room messages in batches of `batchSize`, yielding with
 * setImmediate between batches, while `monitorEventLoopDelay` (1 ms
 * resolution) samples the loop. Automatic compaction stays at its default
 * threshold, so its runs are part of what is measured.
 */
export async function benchEventLoopLag(dataDir: string, totalWrites: number, batchSize: number): Promise<EventLoopLagResult> {
  const core = await createBenchCore(dataDir);
  try {
    const id = core.workspaces.create({ name: 'Lag bench', kind: 'team' }).id;
    const { docs, storage } = core.workspaces.handle(id);
    // Automatic compaction calls this.compact from a timer: wrapping the
    // instance's method shows how long each run blocks the loop.
    const compactionMs: number[] = [];
    const compact = docs.compact.bind(docs);
    docs.compact = (docName: string): number => {
      const start = performance.now();
      try {
        return compact(docName);
      } finally {
        compactionMs.push(performance.now() - start);
      }
    };
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const batchMs: number[] = [];
    const start = performance.now();
    histogram.enable();
    for (let n = 0; n < totalWrites; ) {
      const batchStart = performance.now();
      for (let i = 0; i < batchSize && n < totalWrites; i++, n++) writeRoomMessage(docs, 'general', n);
      batchMs.push(performance.now() - batchStart);
      await yieldToLoop();
    }
    // Let the last scheduled compaction run while still measured.
    await new Promise((resolve) => setTimeout(resolve, 20));
    histogram.disable();
    const ns = 1e6;
    return {
      p50Ms: histogram.percentile(50) / ns,
      p99Ms: histogram.percentile(99) / ns,
      maxMs: histogram.max / ns,
      writes: totalWrites,
      batchSize,
      durationMs: performance.now() - start,
      batchMsP99: percentile(batchMs, 99),
      compactions: compactionMs.length,
      compactionMsMax: compactionMs.length > 0 ? Math.max(...compactionMs) : 0,
      compactionMsLast: compactionMs.at(-1) ?? 0,
      pendingAtEnd: storage.log.pendingCount('room/general'),
    };
  } finally {
    await core.close();
  }
}
