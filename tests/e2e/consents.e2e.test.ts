/**
 * End to end: Settings → Privacy in the browser host. The switch shows the
 * member's choice in the active workspace; turning it off records it in the
 * governance doc (read back through the same channel after a reload) and
 * says how many memories were forgotten; in French too. Checked with axe in
 * both themes at 1280 and 1024 px. Needs `npm run build` first.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/launchChromium';
import { settleView } from '../fixtures/checkViews';
import { seriousA11yViolations } from '../fixtures/runAxe';
import { startWebHost } from '../fixtures/startWebHost';
import { makeTempDir } from '../fixtures/tempDir';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openPrivacy(page: Page): Promise<void> {
  await page.locator('[data-testid="workspace-title"]').waitFor();
  await page.click('[data-testid="open-settings"]');
  await page.locator('[data-testid="settings-dialog"]').waitFor();
  const section = page.locator('[data-testid="consent-section"]');
  await section.scrollIntoViewIfNeeded();
  await page.locator('[data-testid="consent-dh-read"]:not([disabled])').waitFor();
}

describe('consents in the browser host', () => {
  it('turns off reading by digital humans from Settings, in English and French', async () => {
    const dataDir = makeTempDir('qwanyx-e2e-consents-');
    const host = await startWebHost(dataDir);
    const shots = process.env.QWANYX_SCREENSHOTS;
    try {
      for (const [round, [width, scheme, locale]] of ([[1280, 'light', 'en-US'], [1024, 'dark', 'fr-FR'], [1280, 'dark', 'en-US'], [1024, 'light', 'fr-FR']] as const).entries()) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme, locale });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(err.message));
        await page.goto(host.url);
        await openPrivacy(page);
        const toggle = page.locator('[data-testid="consent-dh-read"]');
        const section = page.locator('[data-testid="consent-section"]');
        expect(await toggle.isChecked()).toBe(round === 0);
        if (round > 0) {
          // The choice made in the round before is still there; turn it back on, then off again.
          await toggle.click();
          await expect.poll(() => toggle.isChecked()).toBe(true);
        }
        await toggle.click();
        const note = page.locator('[data-testid="consent-note"]');
        await expect
          .poll(() => note.textContent(), { timeout: 15_000 })
          .toMatch(locale === 'en-US' ? /no longer read what you write here\. 0 memories/ : /ne lisent plus ce que vous écrivez ici\. 0 souvenir/);
        expect(await toggle.isChecked()).toBe(false);
        await settleView(page);
        expect(await seriousA11yViolations(page, '[data-testid="settings-dialog"]')).toEqual([]);
        if (shots) await section.screenshot({ path: path.join(shots, `consents-${width}-${scheme}.png`) });
        if (shots) await page.screenshot({ path: path.join(shots, `consents-page-${width}-${scheme}.png`) });
        // After a reload the switch reads the recorded choice.
        await page.reload();
        await openPrivacy(page);
        expect(await page.locator('[data-testid="consent-dh-read"]').isChecked()).toBe(false);
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await host.stop();
    }
  });
});
