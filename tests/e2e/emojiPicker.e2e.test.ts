/**
 * End to end: reacting with any emoji, as a person would: the picker lists
 * every emoji by group (drawn with the emoji font the app ships), finds one
 * by a word in the app's language, applies
 * the chosen skin tone (remembered), and the reaction lands on the message.
 * Checked with axe at 1280 and 1024 px in both themes. Needs `npm run build`.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/launchChromium';
import { messageAction, openRooms, post } from '../fixtures/roomsSession';
import { settleView } from '../fixtures/checkViews';
import { seriousA11yViolations } from '../fixtures/runAxe';
import { makeTempDir } from '../fixtures/tempDir';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('emoji picker', () => {
  it('finds any emoji by name, keeps the skin tone, and reacts with it', async () => {
    const session = await openRooms(browser, makeTempDir('qwanyx-e2e-emoji-'));
    const { page } = session;
    const shots = process.env.QWANYX_SCREENSHOTS;
    try {
      const id = await post(page, 'Deliverables are in the shared folder.');
      await messageAction(page, id, 'react');
      const picker = page.locator('[data-testid="emoji-picker"]');
      await picker.waitFor();
      await page.locator('.emoji-picker__heading', { hasText: /flags/i }).waitFor();
      expect(await picker.locator('.emoji-picker__grid button').count()).toBeGreaterThan(1800);
      // The emoji are drawn with the font that ships with the app (loaded once emoji show), not the system's.
      await expect
        .poll(() => page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'Qwanyx Emoji' && f.status === 'loaded')))
        .toBe(true);
      // Typing goes to the search field.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('emoji-search');
      await page.click('[role="radio"][aria-label="Dark skin tone"]');
      await page.keyboard.type('thumbs up');
      await expect.poll(() => picker.locator('.emoji-picker__grid button').first().textContent()).toBe('👍🏿');
      for (const [width, scheme] of [[1280, 'light'], [1024, 'dark']] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await settleView(page);
        expect(await seriousA11yViolations(page, '[data-testid="emoji-picker"]'), `${width} ${scheme}`).toEqual([]);
        if (shots) await page.screenshot({ path: path.join(shots, `emoji-picker-${width}-${scheme}.png`) });
      }
      await page.keyboard.press('Enter');
      await picker.waitFor({ state: 'detached' });
      await page.locator(`[data-testid="message-${id}"] >> text=👍🏿`).waitFor();
      // The tone is remembered for the next picker.
      await messageAction(page, id, 'react');
      await page.locator('[role="radio"][aria-checked="true"][aria-label="Dark skin tone"]').waitFor();
      await page.keyboard.press('Escape');
      expect(session.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
