/**
 * End to end: attaching files in the browser host as a person would: the
 * attach button (a picture and a PDF), then a file dropped on the composer;
 * then a screenshot pasted in the message box; the pictures show the
 * previews the core made, the PDF a card with its name, size and type.
 * Checked with axe in both themes at 1280 and 1024 px. Needs `npm run build` first.
 */
import path from 'node:path';
import { Jimp } from 'jimp';
import type { Browser } from 'playwright-core';
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

describe('files in the browser host', () => {
  it('attaches with the button, by drag and drop and by pasting; shows previews and cards', async () => {
    const dataDir = makeTempDir('qwanyx-e2e-files-');
    const host = await startWebHost(dataDir);
    const shots = process.env.QWANYX_SCREENSHOTS;
    const png = await new Jimp({ width: 900, height: 600, color: 0x2f6fdfff }).getBuffer('image/png');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(180_000, 32)]);
    try {
      let first = true;
      for (const [width, scheme] of [[1280, 'light'], [1280, 'dark'], [1024, 'light'], [1024, 'dark']] as const) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(err.message));
        await page.goto(host.url);
        await page.locator('[data-testid="composer-input"]').waitFor();
        if (first) {
          await page.setInputFiles('[data-testid="composer-file-input"]', [
            { name: 'whiteboard.png', mimeType: 'image/png', buffer: png },
            { name: 'Statement of work.pdf', mimeType: 'application/pdf', buffer: pdf },
          ]);
          await expect.poll(() => page.locator('[data-testid="composer-send"]').isEnabled(), { timeout: 15_000 }).toBe(true);
          await page.fill('[data-testid="composer-input"]', 'The board and the signed statement');
          await page.click('[data-testid="composer-send"]');
          await page.locator('.file-card').nth(1).waitFor({ timeout: 15_000 });

          // Dropped on the composer: a file of its own, sent with the button.
          await page.evaluate(() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(['week 12 notes'], 'notes.txt', { type: 'text/plain' }));
            document.querySelector('[data-testid="composer"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          });
          await expect.poll(() => page.locator('[data-testid="composer-send"]').isEnabled(), { timeout: 15_000 }).toBe(true);
          await page.click('[data-testid="composer-send"]');
          await page.locator('.file-card').nth(2).waitFor({ timeout: 15_000 });

          // A screenshot pasted in the message box.
          await page.evaluate(async (base64) => {
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
            document.querySelector('[data-testid="composer-input"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
          }, (await new Jimp({ width: 200, height: 120, color: 0x22aa55ff }).getBuffer('image/png')).toString('base64'));
          await expect.poll(() => page.locator('[data-testid="composer-send"]').isEnabled(), { timeout: 15_000 }).toBe(true);
          await page.click('[data-testid="composer-send"]');
          first = false;
        }
        const preview = page.locator('img.file-card__preview').first();
        await preview.waitFor({ timeout: 15_000 });
        expect(await preview.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
        expect(await preview.getAttribute('width')).toBe('320');
        const cards = page.locator('.file-card');
        await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(4);
        await expect.poll(() => page.locator('img.file-card__preview').count(), { timeout: 15_000 }).toBe(2);
        const text = (await page.locator('[data-testid^="message-files-"]').allTextContents()).join(' ');
        expect(text).toContain('Statement of work.pdf');
        expect(text).toContain('application/pdf');
        expect(text).toMatch(/175\.8 KB/);
        expect(text).toContain('notes.txt');
        await settleView(page);
        expect(await seriousA11yViolations(page, '[data-testid="rooms-view"]')).toEqual([]);
        if (shots) await page.screenshot({ path: path.join(shots, `files-${width}-${scheme}.png`) });
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await host.stop();
    }
  });
});
