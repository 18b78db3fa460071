/**
 * End to end: a new device's first run in the browser host (real core, real
 * SQLite) driven through Chromium, as a person would: the name screen (in
 * English, then in French), a message signed with that name in the Personal
 * workspace's #general room, and the guided start (model skipped, a first
 * digital human from a template), remembered across a reload. Each screen is
 * looked at in both themes at 1280 and 1024 px and checked with axe-core.
 * Needs `npm run build` first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DigitalHuman, Message, Room, Settings, Workspace } from '../../src-main/common/contract';
import { checkViews } from '../fixtures/checkViews';
import { launchChromium } from '../fixtures/launchChromium';
import { invokeIn, post } from '../fixtures/roomsSession';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { makeTempDir } from '../fixtures/tempDir';

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

afterEach(async () => {
  await context?.close();
  context = null;
  await host?.stop();
  host = null;
  expect(pageErrors).toEqual([]);
});

async function openFresh(): Promise<Page> {
  host = await startWebHost(makeTempDir('qwanyx-first-run-'), {}, { firstRun: true });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(host.url);
  return page;
}

describe('first run in the browser host', () => {
  it('asks the name (EN and FR), opens #general signed with it, then guides to a first digital human', async () => {
    const page = await openFresh();
    await page.locator('[data-testid="first-run"]').waitFor();
    expect(await page.getByLabel('Your name').count()).toBe(1);
    expect(await checkViews(page, 'first-run')).toEqual([]);

    // No name: said in plain words, next to the field.
    await page.click('[data-testid="first-run-continue"]');
    expect(await page.locator('[data-testid="first-run-name-error"]').textContent()).toContain('Type the name others should see');

    // In French, the same screen speaks French.
    await page.click('[data-testid="first-run-language-fr"]');
    await page.getByLabel('Votre nom').waitFor();
    expect(await page.locator('[data-testid="first-run-name-error"]').textContent()).toContain('Saisissez le nom');
    await page.click('[data-testid="first-run-language-en"]');
    await page.getByLabel('Your name').fill('Camille Martin');
    await page.getByLabel('Email (optional)').fill('camille@example.com');
    await page.click('[data-testid="first-run-continue"]');

    // The Personal workspace, on its #general room.
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Personal');
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent?.startsWith('general'));
    const [personal] = await invokeIn<Workspace[]>(page, 'workspace.list', {});
    const rooms = await invokeIn<Room[]>(page, 'room.list', { workspaceId: personal!.id });
    expect(rooms.map((r) => r.name)).toEqual(['general']);
    const id = await post(page, 'Hello from my first day');
    const page1 = await invokeIn<{ messages: Message[] }>(page, 'message.list', { workspaceId: personal!.id, roomId: rooms[0]!.id, limit: 10 });
    expect(page1.messages.find((m) => m.id === id)?.authorName).toBe('Camille Martin');
    expect(await page.locator(`[data-testid="message-${id}"]`).textContent()).toContain('Camille Martin');

    // The guided start: step 1 (a model) skipped, step 2 (a digital human from a template).
    const guide = page.locator('[data-testid="guided-start"]');
    await guide.waitFor();
    expect(await guide.getAttribute('aria-label')).toBe('Getting started, step 1 of 2');
    expect(await checkViews(page, 'guided-start', '[data-testid="guided-start"]')).toEqual([]);
    await page.click('[data-testid="guide-skip"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="guided-start"]')?.getAttribute('aria-label') === 'Getting started, step 2 of 2');
    await page.click('[data-testid="guide-create-dh"]');
    await page.locator('[data-testid="new-dh-dialog"]').waitFor();
    await page.locator('[data-testid="dh-template-project-coordinator"]').check();
    await page.click('[data-testid="new-dh-submit"]');
    await page.locator('[data-testid="new-dh-dialog"]').waitFor({ state: 'detached' });
    await guide.waitFor({ state: 'detached' });
    const dhs = await invokeIn<DigitalHuman[]>(page, 'dh.list', { workspaceId: personal!.id });
    expect(dhs.map((d) => d.template)).toEqual(['project-coordinator']);

    // Remembered: a reload opens straight on the workspace, without the guide.
    expect((await invokeIn<Settings>(page, 'settings.get', {})).onboarding).toBe('done');
    await page.reload();
    await page.locator('[data-testid="workspace-title"]').waitFor();
    expect(await page.locator('[data-testid="first-run"]').count()).toBe(0);
    expect(await page.locator('[data-testid="guided-start"]').count()).toBe(0);
  });

  it('closes the guide for good with its close button', async () => {
    const page = await openFresh();
    await page.getByLabel('Your name').fill('Ada');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="guided-start"]').waitFor();
    await page.click('[data-testid="guide-close"]');
    await page.locator('[data-testid="guided-start"]').waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('[data-testid="workspace-title"]').waitFor();
    expect(await page.locator('[data-testid="guided-start"]').count()).toBe(0);
    expect(await page.locator('[data-testid="first-run"]').count()).toBe(0);
  });
});
