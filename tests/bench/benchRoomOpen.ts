/**
 * room_open_ms_p95: open a room of 100,000 messages and have its last page
 * ready, as the UI does on a click: `message.list` (the newest 50, with
 * authors, reply counts, reactions and pending state) through the core's
 * dispatch. Cold: in a core that has just started and opened the workspace
 * (the room was never touched in the process). Warm: switching back to it.
 */
import type { Core } from '../../src-main/core/createCore';
import { createBenchCore } from './createBenchCore';
import { percentile } from './percentile';
import { timeMsAsync } from './timeMs';

export interface RoomOpenResult {
  p95Ms: number;
  p50Ms: number;
  warmP95Ms: number;
  /** Messages in the room. */
  roomMessages: number;
}

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** `runs` cold opens (each in a fresh core) and as many warm ones. */
export async function benchRoomOpen(dataDir: string, workspaceId: string, roomId: string, runs: number): Promise<RoomOpenResult> {
  const cold: number[] = [];
  const warm: number[] = [];
  let roomMessages = 0;
  for (let run = 0; run < runs; run++) {
    const core = await createBenchCore(dataDir);
    try {
      await call(core, 'workspace.open', { id: workspaceId });
      const open = (): Promise<unknown> => call(core, 'message.list', { workspaceId, roomId, limit: 50 });
      cold.push(await timeMsAsync(open));
      warm.push(await timeMsAsync(open));
      if (run === 0) {
        const db = core.workspaces.handle(workspaceId).storage.db;
        roomMessages = (db.prepare('SELECT COUNT(*) AS n FROM messages WHERE room_id = ?').get(roomId) as { n: number }).n;
      }
    } finally {
      await core.close();
    }
  }
  return { p95Ms: percentile(cold, 95), p50Ms: percentile(cold, 50), warmP95Ms: percentile(warm, 95), roomMessages };
}
