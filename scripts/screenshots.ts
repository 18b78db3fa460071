/**
 * Regenerates docs/screenshots/: the main views of the app (room, thread,
 * search, settings, a digital human's profile, tasks, knowledge, memory, a
 * dialog, the command palette) at 1280 × 800 and 1024 × 700, in the light
 * and the dark theme, in Chromium against the browser host on a seeded data
 * dir. Builds the renderer first when `out/renderer` is missing.
 *
 *   node --import tsx scripts/screenshots.ts [--out <dir>] [--only <view,…>]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/fixtures/launchChromium';
import { MAIN_VIEWS, resetView, seedShowcase } from '../tests/fixtures/mainViews';
import { startWebHost } from '../tests/fixtures/startWebHost';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;
const THEMES = ['light', 'dark'] as const;
/** Fade-ins and slide-ins finish within this. */
const SETTLE_MS = 800;

function option(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
}

async function main(): Promise<void> {
  const outDir = path.resolve(option('--out') ?? path.join(root, 'docs/screenshots'));
  const only = option('--only')?.split(',') ?? null;
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    process.stderr.write('building the renderer first…\n');
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  fs.mkdirSync(outDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-screenshots-'));
  const showcase = await seedShowcase(dataDir);
  const host = await startWebHost(dataDir);
  const browser = await launchChromium();
  try {
    for (const theme of THEMES) {
      for (const size of SIZES) {
        const context = await browser.newContext({ viewport: size, colorScheme: theme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(host.url);
        await page.locator('[data-testid="rooms-view"]').waitFor();
        for (const view of MAIN_VIEWS) {
          if (only && !only.includes(view.name)) continue;
          try {
            await resetView(page, showcase);
            await view.open(page, showcase);
          } catch (err) {
            // A loaded machine can miss a click: start the view over once.
            process.stderr.write(`retrying ${view.name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
            await page.reload();
            await page.locator('[data-testid="rooms-view"]').waitFor();
            await resetView(page, showcase);
            await view.open(page, showcase);
          }
          await page.waitForTimeout(SETTLE_MS);
          const file = path.join(outDir, `${view.name}-${size.width}-${theme}.png`);
          await page.screenshot({ path: file });
          process.stderr.write(`${path.relative(root, file)}\n`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
