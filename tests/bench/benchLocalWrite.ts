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
  /** UpdateLog.append of a message-sized blob alone: SQLite + fsync, no Yjs, the floor under `room`. */
  logAppend: WriteLatency;
}

/**
 * Times `writes` room-message writes, as many raw log appends and a fifth as
 * many meta-settings writes on a fresh workspace, default automatic
 * compaction on. Each write is timed alone; the loop yields between writes so
 * scheduled compactions run outside the timed calls (their cost shows up in
 * the event-loop benchmark).
 */
export async function benchLocalWrite(dataDir: string, writes: number): Promise<LocalWriteResult> {
  const core = await createBenchCore(dataDir);
  try {
    const id = core.workspaces.create({ name: 'Write bench', kind: 'team' }).id;
    const { docs, storage } = core.workspaces.handle(id);
    const room: number[] = [];
    for (let n = 0; n < writes; n++) {
      room.push(timeMs(() => writeRoomMessage(docs, 'general', n)));
      await yieldToLoop();
    }
    const logAppend: number[] = [];
    const blob = new Uint8Array(180).fill(0x61);
    for (let n = 0; n < writes; n++) {
      // A doc no DocManager loads, so these rows never mix with real docs.
      logAppend.push(timeMs(() => storage.log.append('room/append-probe', blob)));
      await yieldToLoop();
    }
    const meta: number[] = [];
    for (let n = 0; n < Math.ceil(writes / 5); n++) {
      meta.push(timeMs(() => docs.transact('meta', txOrigin('local'), (doc) => doc.getMap('settings').set('description', `Client notes ${n}`))));
      await yieldToLoop();
    }
    return { room: summarize(room), meta: summarize(meta), logAppend: summarize(logAppend) };
  } finally {
    await core.close();
  }
}

function summarize(samples: number[]): WriteLatency {
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: percentile(samples, 100), writes: samples.length };
}
