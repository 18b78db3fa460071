/**
 * End to end: the sync status in the header of the browser host (real core,
 * real keychain, real relay over real WebSockets). A fresh workspace is
 * "Local only"; signing in to the relay and linking it from the sync dialog
 * makes it "Synced"; stopping the relay turns it "Offline" (with the count of
 * local changes in the tooltip); restarting the relay brings back "Synced".
 * Joining with an invitation from the settings signs in on the way and
 * opens the teammate's workspace under its synced name.
 * Needs `npm run build` first, and a keychain (npm run test:e2e provides a
 * throwaway one).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation, Workspace } from '../../src-main/common/contract';
import { launchChromium } from '../fixtures/launchChromium';
import { makeCore } from '../fixtures/makeCore';
import { startWebHost, type RunningWebHost } from '../fixtures/startWebHost';
import { FAST_SYNC, signIn, startRestartableRelay, syncStatus, eventually } from '../fixtures/syncCores';
import { makeTempDir } from '../fixtures/tempDir';

const STATUS = '[data-testid="sync-status"]';

let browser: Browser;
let host: RunningWebHost | null = null;
let context: BrowserContext | null = null;
const pageErrors: string[] = [];

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
  expect(pageErrors.splice(0)).toEqual([]);
});

async function waitForState(page: Page, state: string, label: string, timeout = 20_000): Promise<void> {
  await page.locator(`${STATUS}[data-state="${state}"]`).waitFor({ timeout });
  expect(await page.locator('[data-testid="sync-status-label"]').textContent()).toBe(label);
}

describe('sync status in the browser host', () => {
  it('goes Local only → Synced when linked, Offline when the relay stops, Synced when it is back', async () => {
    const relay = await startRestartableRelay();
    host = await startWebHost(makeTempDir('qwanyx-e2e-sync-'));
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(host.url);
    await page.locator('[data-testid="workspace-title"]').waitFor();
    await waitForState(page, 'local-only', 'Local only');
    expect(await page.getAttribute(STATUS, 'title')).toContain('This workspace stays on this device.');

    // Sign in to the relay and link the workspace, from the sync dialog.
    await page.click(STATUS);
    await page.locator('[data-testid="sync-dialog"]').waitFor();
    await page.fill('[data-testid="relay-sign-in-url"]', relay.url);
    await page.fill('[data-testid="relay-sign-in-email"]', 'ada@example.com');
    await page.click('[data-testid="relay-sign-in-send"]');
    await page.locator('[data-testid="relay-sign-in-code"]').waitFor();
    const code = relay.current().lastCode('ada@example.com');
    expect(code).toMatch(/^\d{8}$/);
    await page.fill('[data-testid="relay-sign-in-code"]', code!);
    await page.click('[data-testid="relay-sign-in-submit"]');
    await page.click('[data-testid="sync-link-submit"]');
    await page.locator('[data-testid="sync-linked-section"]').waitFor();
    expect(await page.locator('[data-testid="sync-linked-to"]').textContent()).toBe(`Linked to ${relay.url} as ada@example.com (Owner).`);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="sync-dialog"]').waitFor({ state: 'detached' });
    await waitForState(page, 'synced', 'Synced');
    expect(await page.getAttribute(STATUS, 'title')).toBe(`In sync with ${relay.url}.\nEvery change is on the relay.`);

    await relay.stop();
    await waitForState(page, 'offline', 'Offline');
    // A change made while offline waits, counted in the tooltip.
    await page.click('[data-testid="workspace-header-menu"]');
    await page.click('[data-testid="workspace-menu-rename"]');
    await page.fill('[data-testid="rename-workspace-name"]', 'Personal (synced)');
    await page.keyboard.press('Enter');
    await page.locator(`${STATUS}[data-pending="1"]`).waitFor();
    expect(await page.getAttribute(STATUS, 'title')).toContain('1 local change not yet on the relay');

    await relay.restart();
    await waitForState(page, 'synced', 'Synced');
    await page.locator(`${STATUS}[data-pending="0"]`).waitFor();
  });

  it('joins a workspace with an invitation from the settings, signing in on the way', async () => {
    const relay = await startRestartableRelay();
    const ada = await makeCore({ sync: FAST_SYNC });
    await signIn(ada, relay, 'ada@example.com');
    const acme = await ada.call<Workspace>('workspace.create', { name: 'Acme Corp', kind: 'team' });
    await ada.call('workspace.link', { id: acme.id, relayUrl: relay.url });
    await eventually(() => syncStatus(ada, acme.id), (s) => s.state === 'synced', 'Acme uploaded');
    const invitation = await ada.call<Invitation>('invite.create', { workspaceId: acme.id, email: 'bob@example.com', role: 'member' });

    host = await startWebHost(makeTempDir('qwanyx-e2e-join-'));
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(host.url);
    await page.locator('[data-testid="workspace-title"]').waitFor();
    await page.keyboard.press('Control+,');
    await page.click('[data-testid="settings-join"]');
    await page.locator('[data-testid="join-dialog"]').waitFor();
    await page.fill('[data-testid="join-relay"]', relay.url);
    await page.fill('[data-testid="join-token"]', invitation.token);
    await page.click('[data-testid="join-submit"]');
    // Not signed in to that relay yet: the dialog asks for it, then joins.
    await page.locator('[data-testid="join-sign-in"]').waitFor();
    await page.fill('[data-testid="relay-sign-in-email"]', 'bob@example.com');
    await page.click('[data-testid="relay-sign-in-send"]');
    await page.locator('[data-testid="relay-sign-in-code"]').waitFor();
    await page.fill('[data-testid="relay-sign-in-code"]', relay.current().lastCode('bob@example.com')!);
    await page.click('[data-testid="relay-sign-in-submit"]');
    await page.locator('[data-testid="join-dialog"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Acme Corp');
    await waitForState(page, 'synced', 'Synced');

    // Ada renames it: Bob's rail and header follow.
    await ada.call('workspace.rename', { id: acme.id, name: 'Acme Industries' });
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Acme Industries');
    expect(await page.locator(`[data-testid="workspace-tile-${acme.id}"] .tile__name`).textContent()).toBe('Acme Industries');
  });
});
