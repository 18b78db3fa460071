/**
 * End to end, at scale: a room of 100,000 messages opens on its latest page
 * and scrolls from the bottom to its very first message, loading older pages
 * on the way, with the DOM bounded (virtualization) at every step. The walk
 * runs inside the page, STEP viewports per animation frame pair, so it
 * measures the app and not the test's round trips. Needs `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { domNodeCount } from '../fixtures/roomsSession';
import { seedRoom } from '../fixtures/seedRoom';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';
import { walkTimelineToTop } from '../fixtures/walkTimelineToTop';

const MESSAGES = 100_000;
const MAX_DOM_NODES = 2_000;
/**
 * Viewports scrolled per step: longer than a page of older messages (200 rows), so each
 * step reaches the top of what is loaded, where the next page loads; the walk goes up a
 * page at a time, as fast as pages load, and the DOM is counted on every page and
 * every frame pair spent waiting for one. Four viewports a step (the bench's walk) took
 * some 1,700 steps for the 500 pages.
 */
const STEP = 40;

const rooms = useRoomsBrowser();

describe('a room of 100,000 messages', () => {
  it('scrolls from bottom to top with at most 2,000 DOM nodes at every step', { timeout: 600_000 }, async () => {
    const dataDir = makeTempDir('qwanyx-rooms-scale-');
    const seeded = await seedRoom(dataDir, 'firehose', MESSAGES);
    const session = await rooms.open(dataDir);
    const { page } = session;
    await page.locator(`[data-testid="message-${seeded.lastId}"]`).waitFor();
    expect(await domNodeCount(page)).toBeLessThanOrEqual(MAX_DOM_NODES);

    const walk = await walkTimelineToTop(page, 480_000, STEP);

    console.log(`100k room walk: ${JSON.stringify(walk)}`);
    expect(walk.rowsAtEnd).toBe(MESSAGES);
    expect(walk.maxNodes).toBeLessThanOrEqual(MAX_DOM_NODES);
    // The top of the room: its intro and its first message are on screen.
    await page.locator('[data-testid="room-intro"]').waitFor();
    await page.locator(`[data-testid="message-${seeded.firstId}"]`).waitFor();
    expect(await domNodeCount(page)).toBeLessThanOrEqual(MAX_DOM_NODES);
  });
});
