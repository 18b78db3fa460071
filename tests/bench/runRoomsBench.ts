/**
 * The rooms benchmarks, for run.ts: builds the message fixture (1,000,000
 * messages by default, `QWANYX_BENCH_MESSAGES` to change; one room of
 * 100,000), then times opening that room, searching the workspace, and a
 * message going from one core to another through a relay.
 */
import path from 'node:path';
import { benchMessageSearch, type MessageSearchResult } from './benchMessageSearch';
import { benchRoomOpen, type RoomOpenResult } from './benchRoomOpen';
import { benchSendToPeer, type SendToPeerResult } from './benchSendToPeer';
import { buildMessageWorkspace } from './buildMessageWorkspace';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { withTempDataDir } from './withTempDataDir';

const MESSAGES = Number(process.env.QWANYX_BENCH_MESSAGES ?? 1_000_000);
const BIG_ROOM = 100_000;
const ROOMS = 41;
const FIXTURE_BUDGET_MS = 90_000;
const ROOM_OPEN_RUNS = 20;
const SEARCH_QUERIES = 300;
const PEER_MESSAGES = 100;

export interface RoomsBench {
  fixture: { messages: number; asked: number; rooms: number; buildMs: number; bytes: number };
  open: RoomOpenResult;
  search: MessageSearchResult;
  peer: SendToPeerResult;
}

export async function runRoomsBench(): Promise<RoomsBench> {
  const { fixture, open, search } = await withTempDataDir('rooms', async (dataDir) => {
    logProgress(`rooms: building ${MESSAGES} messages in ${ROOMS} rooms…`);
    const built = await buildMessageWorkspace(dataDir, { total: MESSAGES, bigRoom: BIG_ROOM, rooms: ROOMS, perCommit: 5000, budgetMs: FIXTURE_BUDGET_MS });
    logProgress(`rooms: ${built.written} messages in ${Math.round(built.buildMs)} ms; opening the big room…`);
    const roomOpen = await benchRoomOpen(dataDir, built.workspaceId, built.bigRoomId, ROOM_OPEN_RUNS);
    logProgress('rooms: search…');
    const core = await createBenchCore(dataDir);
    let searched: MessageSearchResult;
    let bytes = 0;
    try {
      const opened = await core.dispatch('workspace.open', { id: built.workspaceId });
      if (!opened.ok) throw new Error(opened.error.message);
      searched = await benchMessageSearch(core, built, SEARCH_QUERIES);
      const db = core.workspaces.handle(built.workspaceId).storage.db;
      bytes = (db.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number }).n;
    } finally {
      await core.close();
    }
    return {
      fixture: { messages: built.written, asked: MESSAGES, rooms: ROOMS, buildMs: built.buildMs, bytes },
      open: roomOpen,
      search: searched,
    };
  });
  logProgress('rooms: send to a peer through a relay…');
  const peer = await withTempDataDir('peer', (dir) =>
    benchSendToPeer({ relay: path.join(dir, 'relay'), a: path.join(dir, 'a'), b: path.join(dir, 'b') }, PEER_MESSAGES),
  );
  return { fixture, open, search, peer };
}
