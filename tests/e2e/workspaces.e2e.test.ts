/**
 * End to end: the real browser host (real core, real SQLite) driven through
 * Debian's Chromium, as a user would: the Personal workspace on first launch,
 * creating, switching with the keyboard, renaming, reloading, archiving and
 * deleting workspaces. Needs `npm run build` first (the host serves out/renderer).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/launchChromium';
import { seriousA11yViolations } from '../fixtures/runAxe';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { makeTempDir } from '../fixtures/tempDir';

const TILE = '[data-testid^="workspace-tile-"]';

let browser: Browser;
let host: RunningWebHost | null = null;
let context: BrowserContext | null = null;
let pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Starts a host on a fresh data dir and opens the printed link in a new tab. */
async function openFreshApp(): Promise<{ page: Page; dataDir: string }> {
  const dataDir = makeTempDir('qwanyx-e2e-');
  host = await startWebHost(dataDir);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(host.url);
  await page.locator('[data-testid="workspace-title"]').waitFor();
  return { page, dataDir };
}

beforeEach(() => {
  pageErrors = [];
});

afterEach(async () => {
  await context?.close();
  context = null;
  await host?.stop();
  host = null;
  expect(pageErrors).toEqual([]);
});

async function title(page: Page): Promise<string> {
  return (await page.locator('[data-testid="workspace-title"]').textContent()) ?? '';
}

async function waitForTitle(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="workspace-title"]')?.textContent === expected,
    name,
  );
}

/** Ids of the workspaces on the rail, in order. */
async function railIds(page: Page): Promise<string[]> {
  const testIds = await page.locator(TILE).evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-testid') ?? ''));
  return testIds.map((id) => id.replace('workspace-tile-', ''));
}

/** Ids of the tiles marked `aria-current` (exactly one when all is well). */
async function currentIds(page: Page): Promise<string[]> {
  const testIds = await page
    .locator(`${TILE}[aria-current="page"]`)
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-testid') ?? ''));
  return testIds.map((id) => id.replace('workspace-tile-', ''));
}

async function createWorkspace(page: Page, name: string, kind: 'team' | 'solo'): Promise<void> {
  await page.click('[data-testid="create-workspace"]');
  await page.locator('[data-testid="create-workspace-dialog"]').waitFor();
  await page.fill('[data-testid="create-workspace-name"]', name);
  await page.check(`[data-testid="create-workspace-kind-${kind}"]`);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="create-workspace-dialog"]').waitFor({ state: 'detached' });
  await waitForTitle(page, name);
}

async function openTileMenu(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="workspace-tile-${id}"]`, { button: 'right' });
  await page.locator('[data-testid="workspace-menu"]').waitFor();
}

describe('workspaces in the browser host', () => {
  it('opens a fresh data dir on the Personal solo workspace, in its #general room', async () => {
    const { page } = await openFreshApp();
    expect(await title(page)).toBe('Personal');
    expect(await page.locator('[data-testid="workspace-kind"]').textContent()).toBe('Solo');
    const ids = await railIds(page);
    expect(ids).toHaveLength(1);
    expect(await currentIds(page)).toEqual(ids);
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent?.startsWith('general'));
    // A new workspace has no room yet: its empty state offers the first steps.
    await createWorkspace(page, 'Acme Corp', 'team');
    expect(await page.locator('[data-testid="workspace-empty-state"]').textContent()).toContain('This is Acme Corp’s workspace.');
    // Digital humans work: the empty state's card opens the new digital human dialog, not a "coming soon".
    expect(await page.locator('[data-testid="workspace-empty-state"]').textContent()).not.toMatch(/coming soon/i);
    expect(await seriousA11yViolations(page, '[data-testid="workspace-empty-state"]')).toEqual([]);
    await page.click('[data-testid="quick-create-dh"]');
    await page.locator('[data-testid="new-dh-dialog"]').waitFor();
    expect(await seriousA11yViolations(page, '[data-testid="new-dh-dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="new-dh-dialog"]').waitFor({ state: 'detached' });
    // The secret has left the address bar but is kept for reloads.
    expect(page.url()).not.toContain('secret');
  });

  it('creates workspaces, switches with Ctrl+2 / Ctrl+3, renames, and keeps it all across a reload', async () => {
    const { page } = await openFreshApp();
    await createWorkspace(page, 'Acme Corp', 'team');
    await createWorkspace(page, 'Globex', 'solo');
    const [personal, acme, globex] = await railIds(page);
    expect([personal, acme, globex].every(Boolean)).toBe(true);
    expect(await currentIds(page)).toEqual([globex]);

    await page.keyboard.press('Control+2');
    await waitForTitle(page, 'Acme Corp');
    expect(await currentIds(page)).toEqual([acme]);
    expect(await page.locator('[data-testid="workspace-kind"]').textContent()).toBe('Team');

    await page.keyboard.press('Control+3');
    await waitForTitle(page, 'Globex');
    expect(await currentIds(page)).toEqual([globex]);
    expect(await page.locator('[data-testid="workspace-kind"]').textContent()).toBe('Solo');

    await page.keyboard.press('Control+1');
    await waitForTitle(page, 'Personal');
    await page.keyboard.press('Control+2');
    await waitForTitle(page, 'Acme Corp');

    await openTileMenu(page, acme!);
    await page.click('[data-testid="workspace-menu-rename"]');
    await page.fill('[data-testid="rename-workspace-name"]', 'Acme Industries');
    await page.keyboard.press('Enter');
    await waitForTitle(page, 'Acme Industries');
    expect(await page.locator(`[data-testid="workspace-tile-${acme}"] .tile__name`).textContent()).toBe('Acme Industries');

    await page.reload();
    await page.locator('[data-testid="workspace-title"]').waitFor();
    expect(await railIds(page)).toEqual([personal, acme, globex]);
    expect(await title(page)).toBe('Acme Industries');
    expect(await currentIds(page)).toEqual([acme]);
    expect(await page.locator(`[data-testid="workspace-tile-${globex}"] .tile__name`).textContent()).toBe('Globex');
  });

  it('archives a workspace off the rail and brings it back', async () => {
    const { page } = await openFreshApp();
    await createWorkspace(page, 'Initech', 'team');
    const [personal, initech] = await railIds(page);

    await page.click('[data-testid="workspace-header-menu"]');
    await page.click('[data-testid="workspace-menu-archive"]');
    await page.locator(`[data-testid="workspace-tile-${initech}"]`).waitFor({ state: 'detached' });
    await waitForTitle(page, 'Personal');
    expect(await currentIds(page)).toEqual([personal]);

    await page.reload();
    await page.locator('[data-testid="workspace-title"]').waitFor();
    expect(await railIds(page)).toEqual([personal]);

    await page.click('[data-testid="archived-toggle"]');
    const row = page.locator(`[data-testid="archived-workspace-${initech}"]`);
    expect(await row.textContent()).toContain('Initech');
    await page.click(`[data-testid="unarchive-${initech}"]`);
    await row.waitFor({ state: 'detached' });
    await page.locator('[data-testid="archived-empty"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="archived-dialog"]').waitFor({ state: 'detached' });
    expect(await railIds(page)).toEqual([personal, initech]);

    await page.keyboard.press('Control+2');
    await waitForTitle(page, 'Initech');
  });

  it('deletes a workspace only once its exact name is typed, leaving nothing of it on disk', async () => {
    const { page, dataDir } = await openFreshApp();
    await createWorkspace(page, 'Umbrella', 'team');
    const [personal, umbrella] = await railIds(page);
    const folder = path.join(dataDir, 'workspaces', umbrella!);
    expect(fs.existsSync(folder)).toBe(true);

    await openTileMenu(page, umbrella!);
    await page.click('[data-testid="workspace-menu-delete"]');
    const submit = page.locator('[data-testid="delete-workspace-submit"]');
    expect(await submit.isDisabled()).toBe(true);
    await page.fill('[data-testid="delete-workspace-confirm"]', 'umbrella');
    expect(await submit.isDisabled()).toBe(true);
    await page.fill('[data-testid="delete-workspace-confirm"]', 'Umbrella');
    expect(await submit.isEnabled()).toBe(true);
    await submit.click();
    await page.locator('[data-testid="delete-workspace-dialog"]').waitFor({ state: 'detached' });

    await waitForTitle(page, 'Personal');
    expect(await railIds(page)).toEqual([personal]);
    expect(fs.existsSync(folder)).toBe(false);

    await page.reload();
    await page.locator('[data-testid="workspace-title"]').waitFor();
    expect(await railIds(page)).toEqual([personal]);
  });
});
