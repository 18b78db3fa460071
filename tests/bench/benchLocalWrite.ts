/** local_write_ms_p99: latency of one durable local write through DocManager.transact. */
import { txOrigin } from '../../src-main/sync/TxOrigin';
import { createBenchCore } from './createBenchCore';
import { percentile } from './percentile';
import { timeMs } from './timeMs';
import { writeRoomMessage } from './writeRoomMessage';
import { yieldToLoop } from './yieldToLoop';

export interface WriteLatency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  writes: number;
}

export interface LocalWriteResult {
  /** Chat messages appended to a room doc (the headline figure). */
  room: WriteLatency;
  /** Settings overwrites on the `meta` doc, which also refresh the meta_settings projection. */
  meta: WriteLatency;
}

/**
 * Times `roomWrites` room-message writes and `metaWrites` meta-settings writes
 * on a fresh workspace, default automatic compaction on. Each write is timed
 * alone; the loop yields between writes so scheduled compactions run outside
 * the timed calls (their cost shows up in the event-loop benchmark).
 */
export async function benchLocalWrite(dataDir: string, roomWrites: number, metaWrites: number): Promise<LocalWriteResult> {
  const core = await createBenchCore(dataDir);
  try {
    const id = core.workspaces.create({ name: 'Write bench', kind: 'team' }).id;
    const { docs } = core.workspaces.handle(id);
    const room: number[] = [];
    for (let n = 0; n < roomWrites; n++) {
      room.push(timeMs(() => writeRoomMessage(docs, 'general', n)));
      await yieldToLoop();
    }
    const meta: number[] = [];
    for (let n = 0; n < metaWrites; n++) {
      meta.push(timeMs(() => docs.transact('meta', txOrigin('local'), (doc) => doc.getMap('settings').set('description', `Client notes ${n}`))));
      await yieldToLoop();
    }
    return { room: summarize(room), meta: summarize(meta) };
  } finally {
    await core.close();
  }
}

function summarize(samples: number[]): WriteLatency {
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: percentile(samples, 100), writes: samples.length };
}
