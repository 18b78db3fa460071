/**
 * The rooms benchmarks, for run.ts: builds the message fixture (1,000,000
 * messages, one room of 100,000; always that size, since the figures are
 * named after it, and cached between runs: cachedFixture.ts), then times opening that room, searching the workspace, and a
 * message going from one core to another through a relay.
 */
import path from 'node:path';
import { benchMessageSearch, type MessageSearchResult } from './benchMessageSearch';
import { benchRoomOpen, type RoomOpenResult } from './benchRoomOpen';
import { benchSendToPeer, type SendToPeerResult } from './benchSendToPeer';
import { buildMessageWorkspace, withCorpus } from './buildMessageWorkspace';
import { cachedFixture, fixtureKey } from './cachedFixture';
import { createBenchCore } from './createBenchCore';
import { logProgress } from './logProgress';
import { withTempDataDir } from './withTempDataDir';

const MESSAGES = 1_000_000;
const BIG_ROOM = 100_000;
const ROOMS = 41;
/** What decides the fixture's content, for its cache key (the erase bench reuses the same fixture). */
export const ROOMS_FIXTURE_SOURCES = ['tests/bench/buildMessageWorkspace.ts', 'tests/bench/messageCorpus.ts', 'src-main/storage/rooms/roomDocFormat.ts', 'src-main/storage/rooms/metaRoomsFormat.ts'];
const ROOM_OPEN_RUNS = 20;
const SEARCH_QUERIES = 300;
const PEER_MESSAGES = 100;
/** How the message fixture is built (its cache key). */
export const ROOMS_FIXTURE_OPTIONS = { total: MESSAGES, bigRoom: BIG_ROOM, rooms: ROOMS, perCommit: 5000 };

export interface RoomsBench {
  fixture: { messages: number; rooms: number; buildMs: number; cached: boolean; bytes: number };
  open: RoomOpenResult;
  search: MessageSearchResult;
  peer: SendToPeerResult;
}

export async function runRoomsBench(): Promise<RoomsBench> {
  const { fixture, open, search } = await withTempDataDir('rooms', async (dataDir) => {
    const options = ROOMS_FIXTURE_OPTIONS;
    const stored = await cachedFixture('rooms', fixtureKey(ROOMS_FIXTURE_SOURCES, options), dataDir, (dir) => buildMessageWorkspace(dir, options));
    const built = withCorpus(stored.value);
    logProgress(`rooms: ${built.written} messages (${stored.cached ? 'cached' : `built in ${Math.round(built.buildMs)} ms`}); opening the big room…`);
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
      fixture: { messages: built.written, rooms: ROOMS, buildMs: built.buildMs, cached: stored.cached, bytes },
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
