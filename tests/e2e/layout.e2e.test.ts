/**
 * End to end: a layout that holds at 1024 × 700. Search with 200 results
 * and then a thread open beside the room: the lists scroll inside their
 * panels, the window never grows, nothing overflows sideways, and the room's
 * composer keeps at least 320 px. Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settleView } from '../fixtures/checkViews';
import { messageAction } from '../fixtures/roomsSession';
import { seedRoom } from '../fixtures/seedRoom';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();
const WIDTH = 1024;
const HEIGHT = 700;

interface Fit {
  scrollWidth: number;
  scrollHeight: number;
  bodyScrollHeight: number;
  /** Elements whose right edge passes the window's, with their right edge. */
  overflowing: string[];
}

/** How the document fits the window: its scroll size and any element sticking out on the right. */
function fit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const overflowing: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Content scrolled away inside a scrolling ancestor is not overflow of the window.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const clip = p.getBoundingClientRect();
          if (box.left >= clip.right || box.right > clip.right) clipped = true;
          break;
        }
      }
      if (!clipped && box.right > window.innerWidth + 0.5) overflowing.push(`${el.tagName.toLowerCase()}.${el.className} → ${Math.round(box.right)}`);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      bodyScrollHeight: document.body.scrollHeight,
      overflowing: overflowing.slice(0, 10),
    };
  });
}

async function expectHolds(page: Page): Promise<void> {
  const now = await fit(page);
  expect(now.overflowing).toEqual([]);
  expect(now.scrollWidth).toBeLessThanOrEqual(WIDTH);
  expect(now.scrollHeight).toBeLessThanOrEqual(HEIGHT);
  expect(now.bodyScrollHeight).toBeLessThanOrEqual(HEIGHT);
  const composer = await page.locator('[data-testid="room-view"] [data-testid="composer-input"]').boundingBox();
  expect(composer).not.toBeNull();
  expect(composer!.width).toBeGreaterThanOrEqual(320);
  expect(composer!.x + composer!.width).toBeLessThanOrEqual(WIDTH);
}

/** True when the element scrolls inside itself (its content is taller than its box). */
function scrollsInside(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => el.scrollHeight > el.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowY));
}

describe('a layout that holds', () => {
  it('keeps search with 200 results and an open thread inside a 1024 × 700 window', async () => {
    const dataDir = makeTempDir('qwanyx-layout-e2e-');
    const texts: Record<number, string> = {};
    for (let n = 0; n < 240; n++) texts[n] = `Weekly **quokka** report ${n}: | table | pipes | and a long unbroken word ${'x'.repeat(n % 7 === 0 ? 120 : 4)}`;
    texts[239] = 'Thread root about the quokka budget';
    const seeded = await seedRoom(dataDir, 'reports', 240, { texts });
    const { page } = await rooms.open(dataDir);
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await page.locator(`[data-testid="room-item-${seeded.roomId}"]`).click();
    await page.locator('[data-testid="message-seed-239"]').waitFor();
    await expectHolds(page);

    await page.click('[data-testid="open-search"]');
    await page.locator('[data-testid="search-input"]').fill('quokka');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="search-hit-"]').length === 200, null, { timeout: 20_000 });
    await settleView(page);
    await expectHolds(page);
    expect(await scrollsInside(page, '[data-testid="search-panel"] .search__results')).toBe(true);
    // The last hit is reachable by scrolling the panel, not the window.
    await page.locator('[data-testid="search-hit-seed-40"]').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);

    await page.click('[data-testid="search-close"]');
    await messageAction(page, 'seed-239', 'reply');
    const thread = page.locator('[data-testid="thread-panel"]');
    await thread.waitFor();
    for (let i = 0; i < 30; i++) {
      const input = page.locator('[data-testid="thread-composer-input"]');
      await input.fill(`Reply ${i} with a long line ${'that keeps going '.repeat(6)}`);
      await input.press('Enter');
    }
    await thread.locator('article', { hasText: 'Reply 29' }).waitFor();
    await settleView(page);
    await expectHolds(page);
    const threadComposer = await page.locator('[data-testid="thread-composer-input"]').boundingBox();
    expect(threadComposer!.x + threadComposer!.width).toBeLessThanOrEqual(WIDTH);
  });
});
