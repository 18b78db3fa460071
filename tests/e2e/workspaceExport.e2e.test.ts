/**
 * End to end: exporting a workspace from its menu in the browser host, as a
 * person would: the dialog says what the zip holds, shows the progress, then
 * where the file is; the file is a whole export (its manifest names the
 * workspace). Checked with axe in both themes at 1280 and 1024 px. Needs
 * `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../src-main/domain/export/WorkspaceArchiveService';
import { ZipArchiveReader } from '../../src-main/storage/export/ZipArchiveReader';
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

describe('workspace export in the browser host', () => {
  it('exports the workspace from its menu and says where the zip is', async () => {
    const dataDir = makeTempDir('qwanyx-e2e-export-');
    const host = await startWebHost(dataDir);
    const shots = process.env.QWANYX_SCREENSHOTS;
    try {
      for (const [width, scheme] of [[1280, 'light'], [1024, 'dark']] as const) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(err.message));
        await page.goto(host.url);
        await page.locator('[data-testid="workspace-title"]').waitFor();
        await page.click('[data-testid^="workspace-tile-"]', { button: 'right' });
        await page.click('[data-testid="workspace-menu-export"]');
        const dialog = page.locator('[data-testid="export-workspace-dialog"]');
        await dialog.waitFor();
        expect(await dialog.textContent()).toContain('API keys and passwords are never in it');
        await settleView(page);
        expect(await seriousA11yViolations(page, '[data-testid="export-workspace-dialog"]')).toEqual([]);
        await page.click('[data-testid="export-submit"]');
        const done = page.locator('[data-testid="export-done"]');
        await done.waitFor({ timeout: 20_000 });
        const text = (await done.textContent()) ?? '';
        const file = /to (\/.+\.qwanyx\.zip)$/.exec(text)?.[1];
        expect(file, text).toBeTruthy();
        expect(fs.existsSync(file!)).toBe(true);
        const reader = await ZipArchiveReader.open(file!, IMPORT_LIMITS, () => true);
        try {
          const manifest = JSON.parse((await reader.read('manifest.json')).toString('utf8')) as { workspace: { name: string } };
          expect(manifest.workspace.name).toBe('Personal');
        } finally {
          reader.close();
        }
        expect(await seriousA11yViolations(page, '[data-testid="export-workspace-dialog"]')).toEqual([]);
        if (shots) await page.screenshot({ path: path.join(shots, `export-${width}-${scheme}.png`) });
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await host.stop();
    }
  });
});
